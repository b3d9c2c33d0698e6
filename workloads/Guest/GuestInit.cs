using System.Text;
using Sbw.Core;

namespace Sbw.Guest;

/// <summary>PID 1 inside the microVM: mount the pseudo filesystems, run the workload named on the kernel
/// command line, report its exit code on the serial console and reboot (QEMU -no-reboot turns that into an exit).</summary>
public sealed class GuestInit(Func<string[], int> dispatch)
{
    public const string ExitMarker = "SBW-EXIT ";
    public const string ArgsKey = "sbw.args=";

    public int Run()
    {
        int code;
        try
        {
            MountPseudoFilesystems();
            code = dispatch(ParseArgs(File.ReadAllText("/proc/cmdline")));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"sbw init: {e.GetType().Name}: {e.Message}");
            code = 1;
        }
        Output.WriteLine(ExitMarker + code);
        Native.Sync();
        const long Magic1 = 0xfee1dead, Magic2 = 672274793, Restart = 0x01234567;
        Native.Syscall(Native.SYS_reboot, Magic1, Magic2, Restart, 0, 0, 0);
        return code;
    }

    /// <summary>The host passes the argv as base64 of the arguments joined by NUL, so no quoting survives into the kernel cmdline.</summary>
    public static string[] ParseArgs(string cmdline)
    {
        var token = cmdline.Split(' ', '\n').FirstOrDefault(t => t.StartsWith(ArgsKey, StringComparison.Ordinal))
            ?? throw new UsageException($"kernel command line has no {ArgsKey}");
        return Encoding.UTF8.GetString(Convert.FromBase64String(token[ArgsKey.Length..])).Split('\0');
    }

    private static void MountPseudoFilesystems()
    {
        const ulong NoSuid = 2, NoDev = 4, NoExec = 8;
        foreach (var d in new[] { "/proc", "/sys", "/dev", "/tmp" }) Directory.CreateDirectory(d);
        Native.Mount("proc", "/proc", "proc", NoSuid | NoDev | NoExec, null);
        Native.Mount("sysfs", "/sys", "sysfs", NoSuid | NoDev | NoExec, null);
        Native.Mount("devtmpfs", "/dev", "devtmpfs", NoSuid, null);
        Native.Mount("tmpfs", "/tmp", "tmpfs", NoSuid | NoDev, "size=64m");
    }
}
