using Harness.Core;

namespace Harness.Reporting;

/// <summary>Puts each seed-article figure beside the measured one from a run, with the caveat a reader needs.</summary>
public static class ClaimChecker
{
    public static IReadOnlyList<ClaimCheck> Check(RunData run)
    {
        var list = new List<ClaimCheck>();
        foreach (var c in SeedClaims.All)
        {
            double? m = c.Metric switch
            {
                "cold_start_ms" => run.Cell(c.TierClass, "coldstart", "cold_start_ready_ms")?.P50,
                "memory_mb" => run.MemoryMb(c.TierClass),
                "syscall_x" => run.Cell(c.TierClass, "getpid", "getpid_ns_per_op_slowdown_vs_host")?.P50,
                "density_est" => DensityEstimate(run, c.TierClass),
                "image_reduction_pct" => ImageReduction(run),
                _ => null,
            };
            list.Add(new ClaimCheck(c, run.Tiers.Contains(c.TierClass) ? c.TierClass : null, m,
                m is { } v ? SeedClaims.Judge(v, c.Low, c.High) : ClaimVerdict.NotMeasured, Caveat(run, c)));
        }
        return list;
    }

    /// <summary>Labelled estimate: 80 % of this host's memory divided by the measured PSS per idle instance.</summary>
    public static double? DensityEstimate(RunData run, string tier)
    {
        var pss = run.Cell(tier, "idle", "mem_pss_per_instance_bytes")?.P50;
        return pss is > 0 ? Math.Floor(run.Manifest.Host.MemTotalBytes * 0.8 / pss.Value) : null;
    }

    public static double? ImageReduction(RunData run)
    {
        var std = run.Images.FirstOrDefault(i => i.Image == "standard");
        var hard = run.Images.FirstOrDefault(i => i.Image == "hardened");
        return std is { Bytes: > 0 } && hard is not null ? 100.0 * (1 - (double)hard.Bytes / std.Bytes) : null;
    }

    private static string Caveat(RunData run, SeedClaim c)
    {
        var p = run.Platform(c.TierClass);
        var notes = new List<string>();
        if (c.TierClass == "gvisor" && p.Length > 0) notes.Add($"gVisor on the {p} platform");
        if (c.TierClass == "qemu-microvm")
        {
            notes.Add("QEMU microvm, not Firecracker");
            if (p.StartsWith("tcg", StringComparison.Ordinal)) notes.Add("under TCG emulation: not comparable to a hardware-virtualized claim");
        }
        if (c.Metric == "density_est") notes.Add($"estimate: 80% of {run.Manifest.Host.MemTotalBytes >> 30} GiB / PSS per idle instance; the ramp itself stopped at {run.Cell(c.TierClass, "idle", "density_instances")?.P50.ToString() ?? "n/a"}");
        if (c.Metric == "memory_mb")
            notes.Add(c.TierClass.StartsWith("runc", StringComparison.Ordinal) ? "PSS of the container's processes (plain runc leaves no shim running; containerd's shim would add to it)"
                : c.TierClass == "gvisor" ? "PSS of sentry + gofer, averaged over the ramp's instances (shared pages split)" : "PSS of the VMM process (guest RAM it touched)");
        if (c.Metric == "image_reduction_pct") notes.Add("bytes on disk, standard = Debian minbase + workload layer");
        if (run.Manifest.Profile == "quick") notes.Add("quick profile (small n)");
        return string.Join("; ", notes);
    }
}
