using System.Runtime.InteropServices;

namespace Sbw.Core;

/// <summary>Raw libc entry points. syscall(2) is used where the kernel call itself is measured:
/// glibc caches or wraps some calls (getpid, stat), which would hide the sandbox's cost.</summary>
public static unsafe partial class Native
{
    public const long SYS_read = 0, SYS_write = 1, SYS_close = 3, SYS_fstat = 5, SYS_getpid = 39,
        SYS_reboot = 169, SYS_mount = 165, SYS_openat = 257;
    public const int AT_FDCWD = -100;

    [LibraryImport("libc", EntryPoint = "syscall")]
    public static partial long Syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long SyscallErr(long n, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, byte* usage);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    public static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "sync")]
    public static partial void Sync();

    [LibraryImport("libc", EntryPoint = "pause")]
    public static partial int Pause();

    /// <summary>Result of a syscall wrapper: non-negative value or errno.</summary>
    public static (long V, int E) Call(long n, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0, long a6 = 0)
    {
        long r = SyscallErr(n, a1, a2, a3, a4, a5, a6);
        return r == -1 ? (-1, Marshal.GetLastPInvokeError()) : (r, 0);
    }

    public readonly record struct Usage(double UserMs, double SysMs, long MaxRssKb);

    public static Usage SelfUsage()
    {
        // struct rusage: two timevals (16 bytes each), then ru_maxrss (long, KiB).
        byte* buf = stackalloc byte[256];
        GetRusage(0, buf);
        long* p = (long*)buf;
        return new Usage(p[0] * 1000.0 + p[1] / 1000.0, p[2] * 1000.0 + p[3] / 1000.0, p[4]);
    }
}
