using System.Diagnostics;
using System.Globalization;
using Sbw.Core;

namespace Sbw.Syscalls;

/// <summary>A tool-like pass over a tree it creates: create, write, read, rename, unlink, through the ordinary .NET file APIs.</summary>
public sealed class MixedFsWorkload : IWorkload
{
    public string Name => "mixedfs";
    public string Help => "--files N (default 2000): files in the tree; --size BYTES (default 4096); --dir PATH (default /tmp)";

    public int Run(Args args)
    {
        long files = args.Long("files", 2000, 1, 1_000_000);
        long size = args.Long("size", 4096, 1, 16 << 20);
        string dir = args.String("dir") ?? "/tmp";
        args.EnsureAllUsed();
        Output.Ready(Name);
        string root = Path.Combine(dir, $"sbw-mixed-{Environment.ProcessId}");
        var data = new byte[size];
        new Random(42).NextBytes(data);
        long ops = 0;
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            for (int d = 0; d < 16; d++) { Directory.CreateDirectory(Path.Combine(root, $"d{d}")); ops++; }
            var buf = new byte[size];
            for (long i = 0; i < files; i++)
            {
                string p = Path.Combine(root, $"d{i % 16}", $"f{i}.txt");
                File.WriteAllBytes(p, data); ops++;
                using (var fs = File.OpenRead(p)) { fs.ReadExactly(buf); ops++; }
                File.Move(p, p + ".done"); ops++;
            }
            foreach (var f in Directory.EnumerateFiles(root, "*.done", SearchOption.AllDirectories)) { File.Delete(f); ops++; }
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
        double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Output.Emit(Name, new Dictionary<string, string> { ["files"] = files.ToString(CultureInfo.InvariantCulture), ["size"] = size.ToString(CultureInfo.InvariantCulture) },
            [new Metric("fs_ops_per_s", "ops/s", ops / s), new Metric("fs_pass_ms", "ms", s * 1000)]);
        return 0;
    }
}
