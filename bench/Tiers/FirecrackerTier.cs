using System.Text.Json;
using Harness.Images;

namespace Harness.Tiers;

/// <summary>Firecracker with --no-api and a config file. It boots only an uncompressed ELF vmlinux, so the Debian
/// bzImage is refused with that reason unless SBH_VMLINUX names one.</summary>
public sealed class FirecrackerTier(TierContext context) : ExternalVmmTier(context)
{
    public override string Id => "firecracker";
    protected override string Binary => "firecracker";
    protected override string BinaryVariable => "SBH_FIRECRACKER";

    private static string? Vmlinux => Environment.GetEnvironmentVariable("SBH_VMLINUX");

    protected override string? KernelProblem(ImageSet images) =>
        Vmlinux is { Length: > 0 } v && File.Exists(v) ? null : "Firecracker boots an uncompressed ELF vmlinux; set SBH_VMLINUX (Debian ships only bzImage)";

    protected override IReadOnlyList<string> Arguments(string instanceDir, string cmdline, ImageSet images)
    {
        var config = new
        {
            boot_source = new { kernel_image_path = Vmlinux, initrd_path = images.MicroVm.Initramfs, boot_args = cmdline },
            drives = Array.Empty<object>(),
            machine_config = new { vcpu_count = 1, mem_size_mib = Context.Options.VmMemoryMiB },
        };
        var file = Path.Combine(instanceDir, "firecracker.json");
        File.WriteAllText(file, JsonSerializer.Serialize(config));
        return ["--no-api", "--config-file", file, "--id", Path.GetFileName(instanceDir)];
    }
}
