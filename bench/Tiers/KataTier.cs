using Harness.Oci;

namespace Harness.Tiers;

/// <summary>Kata Containers through its OCI-compatible CLI (kata-runtime run), on the standard bundle.
/// Kata 2.x and later dropped that CLI for containerd's shim v2; detection says so instead of pretending.</summary>
public sealed class KataTier(TierContext context) : OciTier(context, ContainerProfile.Standard)
{
    public override string Id => "kata";
    public override TierClass Class => TierClass.MicroVm;
    protected override string Binary => "kata-runtime";
    protected override string StateRoot => Path.Combine(Context.Paths.StateRoot, "kata");
    protected override string Platform => "kvm";

    protected override Task<string?> UnusableReasonAsync(string path, string version, CancellationToken ct) =>
        Task.FromResult(version.Contains(" 1.", StringComparison.Ordinal) ? null
            : $"{version}: Kata ≥ 2 runs only through containerd-shim-kata-v2, which this driver does not drive");
}
