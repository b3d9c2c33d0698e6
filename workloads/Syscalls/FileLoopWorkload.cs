using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sbw.Core;

namespace Sbw.Syscalls;

/// <summary>openat/fstat/read/close of one small file, as raw syscalls: the file-metadata path compilers and tools hammer.</summary>
public sealed unsafe class FileLoopWorkload : IWorkload
{
    public string Name => "fileloop";
    public string Help => "--iterations N (default 100000): open/fstat/read/close cycles; --dir PATH (default /tmp)";

    public int Run(Args args)
    {
        long n = args.Long("iterations", 100_000, 1, 100_000_000);
        string dir = args.String("dir") ?? "/tmp";
        args.EnsureAllUsed();
        Output.Ready(Name);
        string path = Path.Combine(dir, $"sbw-fileloop-{Environment.ProcessId}");
        File.WriteAllBytes(path, new byte[256]);
        try
        {
            byte[] pathZ = Encoding.UTF8.GetBytes(path + "\0");
            byte* stat = stackalloc byte[256];
            byte* buf = stackalloc byte[256];
            long t0 = Stopwatch.GetTimestamp();
            fixed (byte* p = pathZ)
            {
                for (long i = 0; i < n; i++)
                {
                    long fd = Native.Syscall(Native.SYS_openat, Native.AT_FDCWD, (long)p, 0, 0, 0, 0);
                    if (fd < 0) throw new IOException($"openat({path}) failed: {fd}");
                    Native.Syscall(Native.SYS_fstat, fd, (long)stat, 0, 0, 0, 0);
                    Native.Syscall(Native.SYS_read, fd, (long)buf, 256, 0, 0, 0);
                    Native.Syscall(Native.SYS_close, fd, 0, 0, 0, 0, 0);
                }
            }
            double ns = Stopwatch.GetElapsedTime(t0).TotalNanoseconds / n;
            Output.Emit(Name, new Dictionary<string, string> { ["iterations"] = n.ToString(CultureInfo.InvariantCulture) },
                [new Metric("file_cycle_ns_per_op", "ns", ns), new Metric("file_syscall_ns_per_call", "ns", ns / 4)]);
        }
        finally { File.Delete(path); }
        return 0;
    }
}
