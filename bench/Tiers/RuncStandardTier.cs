using Harness.Oci;

namespace Harness.Tiers;

/// <summary>Tier 1: runc with Docker's defaults on a Debian minbase rootfs.</summary>
public sealed class RuncStandardTier(TierContext context) : OciTier(context, ContainerProfile.Standard)
{
    public override string Id => "runc-standard";
    public override TierClass Class => TierClass.Standard;
    protected override string Binary => "runc";
    protected override string StateRoot => Context.Paths.RuncRoot;
    protected override IReadOnlyList<string> RunArgs(string bundle, string id) => ["run", "--bundle", bundle, id];
    protected override IReadOnlyList<string> DetachedRunArgs(string bundle, string id) => ["run", "--detach", "--bundle", bundle, id];
}
