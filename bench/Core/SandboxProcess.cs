using System.Diagnostics;
using System.Text;

namespace Harness.Core;

/// <summary>How a sandbox's host process ended.</summary>
public sealed record ProcessExit(int ExitCode, TimeSpan At);

/// <summary>A runtime process started by the harness, its stdout read through a pipe (runsc rewrites a stdout
/// *file* from offset 0). One dedicated thread per process blocks in poll() on the pidfd and both pipes and
/// timestamps each event as it wakes — first byte, the workload's ready line, exit — so no scheduler hop sits
/// between the event and its timestamp, and the harness burns no CPU while the sandbox it times runs.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    public const string ReadyMarker = "SBW-READY";
    private const int MaxStdoutBytes = 8 << 20;

    private readonly Stopwatch _clock;
    private readonly TaskCompletionSource<TimeSpan> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> _firstByte = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProcessExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MemoryStream _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Spawn.Child _child;
    private readonly int _wake = Spawn.NewWakeFd();
    private readonly Lock _reapLock = new();
    private bool _reaped;
    private bool _wakeClosed;
    private volatile bool _killed;
    private double _cpuMs;

    public int ProcessId => _child.Pid;
    public Task<TimeSpan> Ready => _ready.Task;
    public Task<TimeSpan> FirstByte => _firstByte.Task;
    /// <summary>Completes once the process has exited and both pipes reached end of file (a detached container keeps
    /// them open while it runs); <see cref="ProcessExit.At"/> is the exit instant itself.</summary>
    public Task<ProcessExit> Exited => _exit.Task;
    public bool StdoutTruncated { get; private set; }
    public TimeSpan Elapsed => _clock.Elapsed;

    private SandboxProcess(string path, IReadOnlyList<string> args, Stopwatch clock)
    {
        _clock = clock;
        _child = Spawn.Start(path, args);
        new Thread(Pump, maxStackSize: 256 * 1024) { IsBackground = true, Name = $"sbh-{_child.Pid}" }.Start();
    }

    /// <summary>Starts the process; <paramref name="clock"/> is the caller's timer, started just before the spawn.
    /// Throws <see cref="System.ComponentModel.Win32Exception"/> when the binary cannot be started.</summary>
    public static SandboxProcess Start(string path, IReadOnlyList<string> args, Stopwatch clock) => new(path, args, clock);

    private void Pump()
    {
        // [3] is the wake-up Kill() uses: after a kill nobody waits for the pipes' end of file, which a detached
        // container (or a grandchild that outlived its parent) may hold open indefinitely.
        Span<Spawn.PollFd> fds = [new() { Fd = _child.PidFd, Events = Spawn.POLLIN }, new() { Fd = _child.Stdout, Events = Spawn.POLLIN },
            new() { Fd = _child.Stderr, Events = Spawn.POLLIN }, new() { Fd = _wake, Events = Spawn.POLLIN }];
        var buf = new byte[16 * 1024];
        var marker = Encoding.ASCII.GetBytes(ReadyMarker);
        int matched = 0;
        TimeSpan? exitedAt = null;
        int code = -1;
        try
        {
            while (exitedAt is null || ((fds[1].Fd >= 0 || fds[2].Fd >= 0) && !_killed))
            {
                if (Spawn.Poll(fds, -1) < 0) break;
                var now = _clock.Elapsed;
                // Output before exit: a ready line and the exit can arrive in the same wake-up.
                if (ReadOrClose(ref fds[1], buf) is > 0 and var outN) OnStdout(buf.AsSpan(0, outN), now, marker, ref matched);
                if (ReadOrClose(ref fds[2], buf) is > 0 and var errN) OnStderr(buf.AsSpan(0, errN));
                if (fds[3].Revents != 0) fds[3].Fd = -1; // seen; _killed decides
                if (fds[0].Revents != 0 && exitedAt is null)
                {
                    exitedAt = now;
                    code = Reap();
                    fds[0].Fd = -1;
                }
            }
        }
        finally
        {
            if (exitedAt is null) { Kill(); code = Reap(); exitedAt = _clock.Elapsed; }
            lock (_reapLock) { Spawn.CloseAll(_wake); _wakeClosed = true; }
            Spawn.CloseAll(fds[1].Fd, fds[2].Fd, _child.PidFd);
            _ready.TrySetCanceled();
            _firstByte.TrySetCanceled();
            _exit.TrySetResult(new ProcessExit(_killed ? 137 : code, exitedAt.Value));
        }
    }

    /// <summary>Bytes read from a pipe that poll() marked ready; at end of file it is closed and dropped from the set.</summary>
    private static int ReadOrClose(ref Spawn.PollFd pipe, byte[] buf)
    {
        if (pipe.Revents == 0) return 0;
        int n = Spawn.Read(pipe.Fd, buf);
        if (n == 0) { Spawn.CloseAll(pipe.Fd); pipe.Fd = -1; }
        return n;
    }

    private int Reap()
    {
        lock (_reapLock)
        {
            if (_reaped) return -1;
            var r = Spawn.Reap(_child.Pid);
            _reaped = true;
            _cpuMs = r.UserMs + r.SysMs;
            return r.ExitCode;
        }
    }

    private void OnStdout(ReadOnlySpan<byte> data, TimeSpan now, byte[] marker, ref int matched)
    {
        _firstByte.TrySetResult(now);
        if (!_ready.Task.IsCompleted)
        {
            foreach (var b in data)
            {
                matched = b == marker[matched] ? matched + 1 : (b == marker[0] ? 1 : 0);
                if (matched == marker.Length) { _ready.TrySetResult(now); break; }
            }
        }
        lock (_stdout)
        {
            int room = MaxStdoutBytes - (int)_stdout.Length;
            if (data.Length > room) StdoutTruncated = true;
            if (room > 0) _stdout.Write(data[..Math.Min(data.Length, room)]);
        }
    }

    private void OnStderr(ReadOnlySpan<byte> data)
    {
        lock (_stderr)
        {
            _stderr.Append(Encoding.UTF8.GetString(data));
            if (_stderr.Length > 64 * 1024) _stderr.Remove(0, _stderr.Length - 32 * 1024);
        }
    }

    public IReadOnlyList<string> StdoutLines()
    {
        string s;
        lock (_stdout) s = Encoding.UTF8.GetString(_stdout.GetBuffer(), 0, (int)_stdout.Length);
        return s.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }

    public string StderrTail(int max = 2000)
    {
        lock (_stderr) return Text.Tail(_stderr.ToString().Trim(), max);
    }

    /// <summary>CPU time of this process and the descendants it reaped (wait4's rusage); 0 before it exited.</summary>
    public double ChildCpuMs() => _cpuMs;

    /// <summary>SIGKILLs the process and its descendants. Sandbox-level cleanup (runtime state, mounts) is the tier's job.</summary>
    public void Kill()
    {
        lock (_reapLock)
        {
            if (_killed) return;
            _killed = true;
            if (!_wakeClosed) Spawn.Signal(_wake);
            if (_reaped) return; // the pid may belong to someone else by now
            try
            {
                using var p = Process.GetProcessById(_child.Pid);
                p.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or AggregateException)
            {
                Spawn.Kill(_child.Pid, Spawn.SIGKILL);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exit.Task.IsCompleted) Kill();
        await _exit.Task.ConfigureAwait(false);
    }
}
