using Harness.Oci;

namespace Harness.Tiers;

/// <summary>Tier 2: runc on a distroless-style rootfs, read-only, no caps, non-root, seccomp allowlist, limits.</summary>
public sealed class RuncHardenedTier(TierContext context) : OciTier(context, ContainerProfile.Hardened)
{
    public override string Id => "runc-hardened";
    public override TierClass Class => TierClass.Hardened;
    protected override string Binary => "runc";
    protected override string StateRoot => Context.Paths.RuncRoot;
}
