using Harness.Core;
using Harness.Oci;

namespace Harness.Tiers;

/// <summary>Tier 3: gVisor's runsc on the standard bundle; the sentry is the boundary. Platform recorded per row.</summary>
public sealed class GvisorTier(TierContext context) : OciTier(context, ContainerProfile.Standard)
{
    public override string Id => "gvisor";
    public override TierClass Class => TierClass.UserspaceKernel;
    protected override string Binary => "runsc";
    protected override string StateRoot => Context.Paths.RunscRoot;
    protected override string Platform => Context.Options.RunscPlatform;
    protected override IReadOnlyList<string> GlobalArgs => ["--root", StateRoot, "--platform", Platform, "--network", "none"];

    protected override Task<string?> UnusableReasonAsync(string path, string version, CancellationToken ct)
    {
        if (Platform is not ("ptrace" or "kvm" or "systrap"))
            return Task.FromResult<string?>($"unknown runsc platform '{Platform}' (ptrace, kvm, systrap)");
        if (Platform == "kvm" && !File.Exists("/dev/kvm"))
            return Task.FromResult<string?>("runsc platform kvm needs /dev/kvm");
        return Task.FromResult<string?>(null);
    }
}
