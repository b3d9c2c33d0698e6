using System.Runtime.InteropServices;

namespace Harness.Core;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, byte* usage);

    [LibraryImport("libc", EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Mount(string source, string target, string fstype, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    public readonly record struct ChildUsage(double UserMs, double SysMs)
    {
        public double TotalMs => UserMs + SysMs;
    }

    public static ChildUsage ChildrenUsage()
    {
        const int RUSAGE_CHILDREN = -1;
        byte* buf = stackalloc byte[256];
        GetRusage(RUSAGE_CHILDREN, buf);
        long* p = (long*)buf;
        return new ChildUsage(p[0] * 1000.0 + p[1] / 1000.0, p[2] * 1000.0 + p[3] / 1000.0);
    }

    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
