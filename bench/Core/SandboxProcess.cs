using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Harness.Core;

/// <summary>How a sandbox's host process ended.</summary>
public sealed record ProcessExit(int ExitCode, TimeSpan At);

/// <summary>A runtime process started by the harness, its stdout read through a pipe (runsc rewrites a stdout
/// *file* from offset 0), timestamped at the first byte and at the first byte of the workload's ready line.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    public const string ReadyMarker = "SBW-READY";
    private const int MaxStdoutBytes = 8 << 20;

    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _kill = new();
    private readonly TaskCompletionSource<TimeSpan> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> _firstByte = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MemoryStream _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task<ProcessExit> _exit;
    private readonly Native.ChildUsage _usageBefore;

    public int ProcessId { get; }
    public Task<TimeSpan> Ready => _ready.Task;
    public Task<TimeSpan> FirstByte => _firstByte.Task;
    public Task<ProcessExit> Exited => _exit;
    public bool StdoutTruncated { get; private set; }
    public TimeSpan Elapsed => _clock.Elapsed;

    private SandboxProcess(string path, IReadOnlyList<string> args, Stopwatch clock)
    {
        _clock = clock;
        _usageBefore = Native.ChildrenUsage();
        var cmd = Cli.Wrap(path).WithArguments(args).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.Create(ReadStdoutAsync))
            .WithStandardErrorPipe(PipeTarget.Create(ReadStderrAsync));
        var task = cmd.ExecuteAsync(_kill.Token);
        ProcessId = task.ProcessId;
        _exit = WaitAsync(task);
    }

    /// <summary>Starts the process; <paramref name="clock"/> is the caller's timer, started just before the spawn.</summary>
    public static SandboxProcess Start(string path, IReadOnlyList<string> args, Stopwatch clock) => new(path, args, clock);

    private async Task<ProcessExit> WaitAsync(CommandTask<CommandResult> task)
    {
        try
        {
            var r = await task;
            return new ProcessExit(r.ExitCode, _clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new ProcessExit(137, _clock.Elapsed);
        }
        finally
        {
            _ready.TrySetCanceled();
            _firstByte.TrySetCanceled();
        }
    }

    private async Task ReadStdoutAsync(Stream stream, CancellationToken ct)
    {
        var buf = new byte[16 * 1024];
        var marker = Encoding.ASCII.GetBytes(ReadyMarker);
        int matched = 0;
        int n;
        while ((n = await stream.ReadAsync(buf, ct)) > 0)
        {
            var now = _clock.Elapsed;
            _firstByte.TrySetResult(now);
            if (!_ready.Task.IsCompleted)
            {
                for (int i = 0; i < n; i++)
                {
                    matched = buf[i] == marker[matched] ? matched + 1 : (buf[i] == marker[0] ? 1 : 0);
                    if (matched == marker.Length) { _ready.TrySetResult(now); break; }
                }
            }
            lock (_stdout)
            {
                int room = MaxStdoutBytes - (int)_stdout.Length;
                if (n > room) StdoutTruncated = true;
                if (room > 0) _stdout.Write(buf, 0, Math.Min(n, room));
            }
        }
    }

    private async Task ReadStderrAsync(Stream stream, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        var buf = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buf, ct)) > 0)
            lock (_stderr)
            {
                _stderr.Append(buf, 0, n);
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

    /// <summary>CPU time of this process and its reaped descendants, from the harness's RUSAGE_CHILDREN delta.
    /// Only meaningful while runs are sequential, which the harness guarantees for measured runs.</summary>
    public double ChildCpuMs() => Native.ChildrenUsage().TotalMs - _usageBefore.TotalMs;

    /// <summary>Kills the process tree (CliWrap's forceful cancellation). Sandbox-level cleanup is the tier's job.</summary>
    public void Kill()
    {
        if (!_kill.IsCancellationRequested) _kill.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _exit.ConfigureAwait(false);
        _kill.Dispose();
    }
}
