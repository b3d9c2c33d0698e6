using Harness.Images;

namespace Harness.Tiers;

/// <summary>Cloud Hypervisor booting the same kernel and initramfs, serial on stdout, no network device.</summary>
public sealed class CloudHypervisorTier(TierContext context) : ExternalVmmTier(context)
{
    public override string Id => "cloud-hypervisor";
    protected override string Binary => "cloud-hypervisor";
    protected override string BinaryVariable => "SBH_CLOUD_HYPERVISOR";

    protected override IReadOnlyList<string> Arguments(string instanceDir, string cmdline, ImageSet images) =>
    [
        "--kernel", images.MicroVm.Kernel.Path, "--initramfs", images.MicroVm.Initramfs, "--cmdline", cmdline,
        "--cpus", "boot=1", "--memory", $"size={Context.Options.VmMemoryMiB}M", "--serial", "tty", "--console", "off",
    ];
}
