namespace Harness.Reporting;

public enum ClaimVerdict { Within, Above, Below, NotMeasured }

/// <summary>A figure the seed article gives, as a closed range [Low, High] in the metric's unit.
/// "Around X" claims are read as ±20 % (stated in the Reading column).</summary>
public sealed record SeedClaim(string Id, string TierClass, string Metric, string Unit, double Low, double High, string Text, string Reading);

public sealed record ClaimCheck(SeedClaim Claim, string? Tier, double? Measured, ClaimVerdict Verdict, string Caveat);

public static class SeedClaims
{
    // "The Numbers That Justify the Choice" in ../shared/seed/tier-selection-article.txt.
    public static readonly IReadOnlyList<SeedClaim> All =
    [
        new("coldstart.runc", "runc-standard", "cold_start_ms", "ms", 5, 20, "runc cold start 5-20 ms", "range as given"),
        new("coldstart.hardened", "runc-hardened", "cold_start_ms", "ms", 15, 50, "hardened images 15-50 ms", "range as given"),
        new("coldstart.gvisor", "gvisor", "cold_start_ms", "ms", 30, 100, "gVisor 30-100 ms", "range as given"),
        new("coldstart.microvm", "qemu-microvm", "cold_start_ms", "ms", 125, 300, "Firecracker 125-300 ms", "microVM tier vs the Firecracker figure"),
        new("memory.runc", "runc-standard", "memory_mb", "MB", 4, 6, "around 5 MB for runc", "around 5 → 4-6"),
        new("memory.hardened", "runc-hardened", "memory_mb", "MB", 5, 10, "5-10 MB for hardened images", "range as given"),
        new("memory.gvisor", "gvisor", "memory_mb", "MB", 10, 15, "gVisor 10-15 MB", "range as given"),
        new("memory.microvm", "qemu-microvm", "memory_mb", "MB", 50, 128, "Firecracker 50-128 MB minimum", "microVM tier vs the Firecracker figure"),
        new("syscall.runc", "runc-standard", "syscall_x", "x", 0.9, 1.1, "runc at baseline", "baseline → 0.9-1.1x"),
        new("syscall.hardened", "runc-hardened", "syscall_x", "x", 0.9, 1.1, "hardened at baseline", "baseline → 0.9-1.1x"),
        new("syscall.gvisor", "gvisor", "syscall_x", "x", 2, 5, "gVisor adds 2-5x", "2-5x the host's syscall cost"),
        new("syscall.microvm", "qemu-microvm", "syscall_x", "x", 0, 1.1, "Firecracker under 1.1x", "≤ 1.1x"),
        new("density.runc", "runc-standard", "density_est", "instances", 100, 10000, "hundreds to thousands per host", "100-10000"),
        new("density.hardened", "runc-hardened", "density_est", "instances", 100, 10000, "hundreds to thousands per host", "100-10000"),
        new("density.gvisor", "gvisor", "density_est", "instances", 100, 999, "hundreds per host", "100-999"),
        new("density.microvm", "qemu-microvm", "density_est", "instances", 100, 300, "low hundreds per host (Firecracker)", "100-300"),
        new("image.hardened", "runc-hardened", "image_reduction_pct", "%", 50, 90, "hardened image 50-90% smaller", "range as given"),
    ];

    public static ClaimVerdict Judge(double measured, double low, double high) =>
        measured < low ? ClaimVerdict.Below : measured > high ? ClaimVerdict.Above : ClaimVerdict.Within;
}
