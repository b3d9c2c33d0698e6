namespace Harness.Images;

/// <summary>Everything the tiers boot from, built once per input hash and shared by every run.</summary>
public sealed record ImageSet(WorkloadBinary Workload, RootfsImage Standard, RootfsImage Hardened, VmImage MicroVm);

public sealed record WorkloadBinary(string Path, string Sha256, IReadOnlyList<string> LibraryClosure);

/// <summary>A container rootfs as overlay layers, top first (a single layer is used directly).</summary>
public sealed record RootfsImage(string Name, IReadOnlyList<string> Layers, ImageSurface Surface);

public sealed record VmImage(string Initramfs, GuestKernel Kernel, ImageSurface Surface);

public sealed record GuestKernel(string Flavour, string Package, string Path)
{
    public long Bytes => new FileInfo(Path).Length;
}

/// <summary>What an attacker inside finds: the figures behind "hardened images are 50-90% smaller".</summary>
public sealed record ImageSurface(string Image, long Files, long Bytes, long SetuidFiles, IReadOnlyList<string> ToolsPresent);
