using Harness.Core;
using Harness.Images;

namespace Harness.Tiers;

/// <summary>Knobs every driver may read. Defaults are what run-all.sh measures with.</summary>
public sealed record TierOptions
{
    /// <summary>gVisor platform: ptrace (Debian's default) or kvm.</summary>
    public string RunscPlatform { get; init; } = Environment.GetEnvironmentVariable("SBH_RUNSC_PLATFORM") ?? "ptrace";
    /// <summary>auto = KVM only when the functional boot probe passes, else TCG.</summary>
    public string Accelerator { get; init; } = Environment.GetEnvironmentVariable("SBH_ACCEL") ?? "auto";
    public int VmMemoryMiB { get; init; } = 256;
    public TimeSpan KvmProbeTimeout { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>What a driver is handed: where things live, the options, and the images (built on first use).</summary>
public sealed class TierContext(HarnessPaths paths, TierOptions options, Func<CancellationToken, Task<ImageSet>> images, Action<string> log)
{
    private Task<ImageSet>? _images;
    public HarnessPaths Paths { get; } = paths;
    public TierOptions Options { get; } = options;
    public Action<string> Log { get; } = log;

    public Task<ImageSet> ImagesAsync(CancellationToken ct) => _images ??= images(ct);
}
