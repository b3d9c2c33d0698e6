using Harness.Core;
using Harness.Oci;

namespace Harness.Tiers;

/// <summary>crun with the standard profile, for the crun-vs-runc start-time comparison. Used only when installed.</summary>
public sealed class CrunTier(TierContext context) : OciTier(context, ContainerProfile.Standard)
{
    public override string Id => "crun-standard";
    public override TierClass Class => TierClass.Standard;
    protected override string Binary => "crun";
    protected override string StateRoot => Context.Paths.CrunRoot;

    protected override Task<string?> UnusableReasonAsync(string path, string version, CancellationToken ct)
    {
        // crun 1.8 (Debian 12) fails to create containers on cgroup v1 "hybrid" hosts (v1 controllers + a v2 unified mount).
        bool hybrid = HostFacts.DetectCgroupMode() == "v1-hybrid";
        bool old = version.Contains("crun version 1.8", StringComparison.Ordinal) || version.Contains("crun version 1.7", StringComparison.Ordinal);
        return Task.FromResult(hybrid && old ? $"{version.Trim()} refuses cgroup v1 hybrid hosts (needs crun ≥ 1.9 or a pure v1/v2 host)" : null);
    }
}
