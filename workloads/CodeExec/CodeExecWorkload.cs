using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Sbw.Core;

namespace Sbw.CodeExec;

/// <summary>A long code execution: compress/decompress, sort, hash and file round-trips in a loop,
/// reporting iterations per second for every second so steady state is visible.</summary>
public sealed class CodeExecWorkload : IWorkload
{
    public string Name => "codeexec";
    public string Help => "--seconds S (default 20); --chunk-kib K (default 256); --dir PATH (default /tmp)";

    /// <summary>CRC32C over the chunk (hardware instruction). Not SHA-256: .NET's SHA-256 on Linux loads OpenSSL at run
    /// time, which the distroless image and the initramfs deliberately do not have.</summary>
    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var w in words) crc = (uint)System.Numerics.BitOperations.Crc32C(crc, w);
        return crc;
    }

    public int Run(Args args)
    {
        double seconds = args.Double("seconds", 20, 0.1, 3600);
        long chunkKib = args.Long("chunk-kib", 256, 4, 65536);
        string dir = args.String("dir") ?? "/tmp";
        args.EnsureAllUsed();
        Output.Ready(Name);
        var rng = new Random(11);
        var chunk = new byte[chunkKib * 1024];
        for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)"abcdefghij klmnop\n"[rng.Next(18)];
        var ints = new int[chunk.Length / 16];
        string file = Path.Combine(dir, $"sbw-codeexec-{Environment.ProcessId}.bin");
        var perSecond = new List<int>();
        long total = 0;
        var sw = Stopwatch.StartNew();
        int thisSecond = 0;
        try
        {
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                using var packed = new MemoryStream();
                using (var z = new DeflateStream(packed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(chunk);
                packed.Position = 0;
                using var unpacked = new MemoryStream(chunk.Length);
                using (var z = new DeflateStream(packed, CompressionMode.Decompress)) z.CopyTo(unpacked);
                if (unpacked.Length != chunk.Length) throw new InvalidDataException("round-trip size mismatch");
                for (int i = 0; i < ints.Length; i++) ints[i] = rng.Next();
                Array.Sort(ints);
                Checksum(chunk);
                File.WriteAllBytes(file, packed.ToArray());
                _ = File.ReadAllBytes(file);
                total++;
                thisSecond++;
                if (sw.Elapsed.TotalSeconds >= perSecond.Count + 1) { perSecond.Add(thisSecond); thisSecond = 0; }
            }
        }
        finally { File.Delete(file); }
        double elapsed = sw.Elapsed.TotalSeconds;
        var metrics = new List<Metric> { new("codeexec_iterations_per_s", "iter/s", total / elapsed), new("codeexec_seconds", "s", elapsed) };
        // Steady state: skip the first second (page-in, JIT-free but cache-cold) when there is more than one.
        var steady = perSecond.Count > 2 ? perSecond.Skip(1).ToList() : perSecond;
        if (steady.Count > 0) metrics.Add(new Metric("codeexec_steady_iterations_per_s", "iter/s", steady.Average()));
        for (int i = 0; i < perSecond.Count; i++) metrics.Add(new Metric("codeexec_iterations_in_second", "iter", perSecond[i], i));
        Output.Emit(Name, new Dictionary<string, string>
        {
            ["seconds"] = seconds.ToString(CultureInfo.InvariantCulture), ["chunk_kib"] = chunkKib.ToString(CultureInfo.InvariantCulture),
        }, metrics);
        return 0;
    }
}
