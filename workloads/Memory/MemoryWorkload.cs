using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Sbw.Core;

namespace Sbw.Memory;

/// <summary>STREAM-like copy and triad bandwidth over buffers larger than the caches, plus fresh-page fault throughput.</summary>
public sealed unsafe class MemoryWorkload : IWorkload
{
    public string Name => "memory";
    public string Help => "--mib N (default 32): size of each of the 3 arrays; --passes P (default 5); --fault-mib M (default 64)";

    public int Run(Args args)
    {
        long mib = args.Long("mib", 32, 1, 4096);
        long passes = args.Long("passes", 5, 1, 1000);
        long faultMib = args.Long("fault-mib", 64, 1, 16384);
        args.EnsureAllUsed();
        Output.Ready(Name);
        nuint bytes = (nuint)(mib << 20);
        int n = (int)(bytes / sizeof(double));
        double* a = (double*)NativeMemory.AlignedAlloc(bytes, 64), b = (double*)NativeMemory.AlignedAlloc(bytes, 64), c = (double*)NativeMemory.AlignedAlloc(bytes, 64);
        try
        {
            for (int i = 0; i < n; i++) { a[i] = 1; b[i] = 2; c[i] = 0.5; }
            double bestCopy = 0, bestTriad = 0;
            for (long p = 0; p < passes; p++)
            {
                long t0 = Stopwatch.GetTimestamp();
                new Span<double>(b, n).CopyTo(new Span<double>(a, n));
                bestCopy = Math.Max(bestCopy, 2.0 * bytes / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9);
                t0 = Stopwatch.GetTimestamp();
                Triad(a, b, c, n, 3.0);
                bestTriad = Math.Max(bestTriad, 3.0 * bytes / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9);
            }
            double faults = FaultRate((nuint)(faultMib << 20));
            Output.Emit(Name, new Dictionary<string, string>
            {
                ["mib"] = mib.ToString(CultureInfo.InvariantCulture), ["passes"] = passes.ToString(CultureInfo.InvariantCulture),
                ["fault_mib"] = faultMib.ToString(CultureInfo.InvariantCulture),
            },
            [
                new Metric("copy_gb_per_s", "GB/s", bestCopy),
                new Metric("triad_gb_per_s", "GB/s", bestTriad),
                new Metric("page_faults_per_s", "faults/s", faults),
            ]);
        }
        finally { NativeMemory.AlignedFree(a); NativeMemory.AlignedFree(b); NativeMemory.AlignedFree(c); }
        return 0;
    }

    private static void Triad(double* a, double* b, double* c, int n, double s)
    {
        int w = Vector<double>.Count, i = 0;
        var vs = new Vector<double>(s);
        for (; i <= n - w; i += w)
            (Vector.Load(b + i) + vs * Vector.Load(c + i)).Store(a + i);
        for (; i < n; i++) a[i] = b[i] + s * c[i];
    }

    /// <summary>Touch one byte per 4 KiB page of a fresh anonymous mapping: every touch is a page fault.</summary>
    private static double FaultRate(nuint bytes)
    {
        const int PROT_RW = 3, MAP_PRIVATE_ANON = 0x22;
        nint m = Native.Mmap(0, bytes, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
        if (m == -1) throw new InvalidOperationException($"mmap of {bytes} bytes failed (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            byte* p = (byte*)m;
            long pages = (long)(bytes / 4096);
            long t0 = Stopwatch.GetTimestamp();
            for (long i = 0; i < pages; i++) p[i * 4096] = 1;
            return pages / Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        finally { Native.Munmap(m, bytes); }
    }
}
