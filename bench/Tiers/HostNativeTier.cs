using Harness.Core;

namespace Harness.Tiers;

/// <summary>Not a sandbox: the same workload binary run directly on the host, in the same run, as the baseline
/// every overhead ratio divides by. Never listed among the tiers.</summary>
public sealed class HostNativeTier(TierContext context) : ITier
{
    public const string TierId = "host-native";
    public string Id => TierId;
    public TierClass Class => TierClass.Standard;

    public async Task<TierStatus> DetectAsync(CancellationToken ct)
    {
        var images = await context.ImagesAsync(ct);
        return new TierStatus(Id, true, "baseline (no sandbox)", images.Workload.Path, images.Workload.Sha256[..12], "native");
    }

    public async Task<SandboxRun> RunAsync(SandboxRequest request, CancellationToken ct)
    {
        var images = await context.ImagesAsync(ct);
        return await SandboxRunner.RunAsync(Id, request, images.Workload.Path, request.WorkloadArgs, () => Task.CompletedTask, ct);
    }

    public Task<IRunningSandbox> StartAsync(SandboxRequest request, CancellationToken ct) =>
        throw new HarnessException("the host baseline has no idle instances");
}
