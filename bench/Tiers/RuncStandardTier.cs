using Harness.Oci;

namespace Harness.Tiers;

/// <summary>Tier 1: runc with Docker's defaults on a Debian minbase rootfs.</summary>
public sealed class RuncStandardTier(TierContext context) : OciTier(context, ContainerProfile.Standard)
{
    public override string Id => "runc-standard";
    public override TierClass Class => TierClass.Standard;
    protected override string Binary => "runc";
    protected override string StateRoot => Context.Paths.RuncRoot;
}
