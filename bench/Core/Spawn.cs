using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Core;

/// <summary>posix_spawn + pidfd + poll, for the processes the harness times, as hyperfine does. Under CliWrap each
/// timed run cost the harness ~2.5 ms of CPU (async pipe readers, thread-pool hops) on a host with 2 cores to share,
/// and the exit was seen p50 0.3 / p90 1.5 ms late. Together with tiering off this took runc's harness/hyperfine
/// ratio at n = 150 from 1.06-1.09 to 1.00; the two causes were not measured apart.
/// .NET never reaps children it did not start, so the pid stays ours until <see cref="Reap"/>.</summary>
internal static unsafe partial class Spawn
{
    private const int O_CLOEXEC = 0x80000;
    private const int O_RDONLY = 0;
    public const short POLLIN = 0x1;
    public const int SIGKILL = 9;
    private const int EINTR = 4;
    private const int POSIX_SPAWN_SETSIGDEF = 0x04;
    private const int POSIX_SPAWN_SETSIGMASK = 0x08;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd { public int Fd; public short Events; public short Revents; }

    public readonly record struct Child(int Pid, int PidFd, int Stdout, int Stderr);

    public readonly record struct Reaped(int ExitCode, double UserMs, double SysMs);

    /// <summary>Starts <paramref name="path"/> with stdin on /dev/null and stdout/stderr on fresh pipes; signal
    /// dispositions and mask reset (the runtime ignores SIGPIPE and blocks some signals in its threads).</summary>
    public static Child Start(string path, IReadOnlyList<string> args)
    {
        int* outPipe = stackalloc int[2];
        int* errPipe = stackalloc int[2];
        if (Pipe2(outPipe, O_CLOEXEC) != 0) throw Fail("pipe2");
        if (Pipe2(errPipe, O_CLOEXEC) != 0) { CloseAll(outPipe[0], outPipe[1]); throw Fail("pipe2"); }

        // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336; room to spare.
        byte* fa = stackalloc byte[512];
        byte* attr = stackalloc byte[1024];
        byte* sigAll = stackalloc byte[128];
        byte* sigNone = stackalloc byte[128];
        var argv = ToCStrings([path, .. args]);
        var envp = ToCStrings(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").ToList()); // the managed view: SetEnvironmentVariable does not touch environ
        try
        {
            FileActionsInit(fa);
            SpawnAttrInit(attr);
            try
            {
                AddOpen(fa, 0, "/dev/null", O_RDONLY, 0);
                AddDup2(fa, outPipe[1], 1);
                AddDup2(fa, errPipe[1], 2);
                SigFillSet(sigAll);
                SigEmptySet(sigNone);
                SetSigDefault(attr, sigAll);
                SetSigMask(attr, sigNone);
                SetFlags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
                int pid;
                int rc;
                fixed (nint* a = argv) fixed (nint* e = envp) rc = PosixSpawn(&pid, path, fa, attr, a, e);
                if (rc != 0)
                {
                    CloseAll(outPipe[0], outPipe[1], errPipe[0], errPipe[1]);
                    throw new System.ComponentModel.Win32Exception(rc, $"could not start {path}: {Marshal.GetPInvokeErrorMessage(rc)}");
                }
                CloseAll(outPipe[1], errPipe[1]);
                int pidfd = PidfdOpen(pid, 0);
                if (pidfd < 0)
                {
                    // Only on kernels before 5.3: the harness's other timings would still work, but not this one.
                    var why = Marshal.GetLastPInvokeError();
                    Kill(pid, SIGKILL); Reap(pid);
                    CloseAll(outPipe[0], errPipe[0]);
                    throw new HarnessException($"pidfd_open failed ({Marshal.GetPInvokeErrorMessage(why)}); the harness needs Linux ≥ 5.3");
                }
                return new Child(pid, pidfd, outPipe[0], errPipe[0]);
            }
            finally
            {
                FileActionsDestroy(fa);
                SpawnAttrDestroy(attr);
            }
        }
        finally
        {
            Free(argv);
            Free(envp);
        }
    }

    /// <summary>Waits for any of <paramref name="fds"/> (negative fds are skipped); -1 timeout waits forever.</summary>
    public static int Poll(Span<PollFd> fds, int timeoutMs)
    {
        fixed (PollFd* p = fds)
        {
            int rc;
            do rc = PollNative(p, (ulong)fds.Length, timeoutMs); while (rc < 0 && Marshal.GetLastPInvokeError() == EINTR);
            return rc;
        }
    }

    /// <summary>Reads into <paramref name="buffer"/>; 0 at end of file (or on a read error, which ends the stream too).</summary>
    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            nint n;
            do n = ReadNative(fd, b, buffer.Length); while (n < 0 && Marshal.GetLastPInvokeError() == EINTR);
            return n < 0 ? 0 : (int)n;
        }
    }

    /// <summary>Collects the exited child: its exit code (128 + signal when killed, as shells report it) and the
    /// CPU time of it and every descendant it reaped.</summary>
    public static Reaped Reap(int pid)
    {
        int status;
        byte* usage = stackalloc byte[256];
        int rc;
        do rc = Wait4(pid, &status, 0, usage); while (rc < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (rc != pid) return new Reaped(-1, 0, 0);
        long* u = (long*)usage;
        int code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
        return new Reaped(code, u[0] * 1000.0 + u[1] / 1000.0, u[2] * 1000.0 + u[3] / 1000.0);
    }

    public static void CloseAll(params ReadOnlySpan<int> fds)
    {
        foreach (var fd in fds) if (fd >= 0) Close(fd);
    }

    public static void Kill(int pid, int signal) => KillNative(pid, signal);

    /// <summary>An eventfd another thread can <see cref="Signal"/> to wake a <see cref="Poll"/>.</summary>
    public static int NewWakeFd()
    {
        int fd = EventFd(0, O_CLOEXEC);
        return fd >= 0 ? fd : throw Fail("eventfd");
    }

    public static void Signal(int wakeFd)
    {
        ulong one = 1;
        WriteNative(wakeFd, (byte*)&one, sizeof(ulong));
    }

    private static nint[] ToCStrings(IReadOnlyList<string> items)
    {
        var result = new nint[items.Count + 1];
        for (int i = 0; i < items.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(items[i]);
            var mem = Marshal.AllocHGlobal(bytes.Length + 1);
            Marshal.Copy(bytes, 0, mem, bytes.Length);
            ((byte*)mem)[bytes.Length] = 0;
            result[i] = mem;
        }
        return result;
    }

    private static void Free(nint[] strings)
    {
        foreach (var p in strings) if (p != 0) Marshal.FreeHGlobal(p);
    }

    private static Exception Fail(string call) => new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    private static int PidfdOpen(int pid, uint flags)
    {
        const long SYS_pidfd_open = 434; // same number on x86_64 and aarch64 (the unified table)
        return (int)Syscall(SYS_pidfd_open, pid, flags);
    }

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static partial int Pipe2(int* fds, int flags);
    [LibraryImport("libc", EntryPoint = "close")] private static partial int Close(int fd);
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)] private static partial nint ReadNative(int fd, byte* buf, nint count);
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)] private static partial int PollNative(PollFd* fds, ulong count, int timeoutMs);
    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)] private static partial int Wait4(int pid, int* status, int options, byte* rusage);
    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)] private static partial int EventFd(uint initval, int flags);
    [LibraryImport("libc", EntryPoint = "write")] private static partial nint WriteNative(int fd, byte* buf, nint count);
    [LibraryImport("libc", EntryPoint = "kill")] private static partial int KillNative(int pid, int signal);
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)] private static partial long Syscall(long number, int pid, uint flags);
    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int PosixSpawn(int* pid, string path, byte* fileActions, byte* attr, nint* argv, nint* envp);
    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")] private static partial int FileActionsInit(byte* fa);
    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")] private static partial int FileActionsDestroy(byte* fa);
    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AddOpen(byte* fa, int fd, string path, int flags, uint mode);
    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")] private static partial int AddDup2(byte* fa, int fd, int newFd);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")] private static partial int SpawnAttrInit(byte* attr);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")] private static partial int SpawnAttrDestroy(byte* attr);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")] private static partial int SetSigDefault(byte* attr, byte* set);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")] private static partial int SetSigMask(byte* attr, byte* set);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")] private static partial int SetFlags(byte* attr, short flags);
    [LibraryImport("libc", EntryPoint = "sigfillset")] private static partial int SigFillSet(byte* set);
    [LibraryImport("libc", EntryPoint = "sigemptyset")] private static partial int SigEmptySet(byte* set);
}
