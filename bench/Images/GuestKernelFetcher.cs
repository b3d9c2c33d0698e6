using Harness.Core;

namespace Harness.Images;

/// <summary>Debian's own guest kernel: apt-get download of the linux-image package the flavour's metapackage points
/// at, extracted with dpkg-deb. Cached by exact package name (which carries the ABI version).
/// SBH_KERNEL=/path/to/bzImage overrides it (e.g. a minimal kernel built from linux-source).</summary>
public sealed class GuestKernelFetcher(HarnessPaths paths, Action<string> log)
{
    public async Task<GuestKernel> EnsureAsync(string flavour, CancellationToken ct)
    {
        var custom = Environment.GetEnvironmentVariable("SBH_KERNEL");
        if (!string.IsNullOrEmpty(custom))
            return File.Exists(custom) ? new GuestKernel("custom", Path.GetFileName(custom), custom)
                : throw new HarnessException($"SBH_KERNEL={custom} does not exist");
        if (flavour == "minimal") return await new MinimalKernelBuilder(paths, log).EnsureAsync(ct);
        if (!ImageOptions.KernelFlavours.Contains(flavour))
            throw new HarnessException($"unknown kernel flavour '{flavour}'; use one of: {string.Join(", ", ImageOptions.KernelFlavours)}");
        var meta = flavour == "cloud" ? "linux-image-cloud-amd64" : "linux-image-amd64";
        var aptCache = Exec.Which("apt-cache") ?? throw new HarnessException("apt-cache not found: the microVM tier needs Debian's apt to fetch a guest kernel");
        var deps = await Exec.CheckedAsync(aptCache, ["depends", meta], TimeSpan.FromSeconds(60), ct);
        var pkg = deps.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Depends: linux-image-"))
            .Select(l => l["Depends: ".Length..].Trim()).FirstOrDefault()
            ?? throw new HarnessException($"apt-cache depends {meta} names no linux-image package; run 'apt-get update' (run-all.sh does)");
        var dir = Path.Combine(paths.CacheRoot, $"kernel-{pkg}");
        var vmlinuz = Path.Combine(dir, "vmlinuz");
        if (!File.Exists(vmlinuz))
        {
            log($"fetching guest kernel {pkg} with apt-get download…");
            var tmp = Path.Combine(paths.CacheRoot, $"kernel-{pkg}.tmp");
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
            Directory.CreateDirectory(tmp);
            // apt's _apt user must be able to write here, else apt warns and downloads unsandboxed: harmless either way.
            await Exec.CheckedAsync(Exec.Which("apt-get") ?? "apt-get", ["download", "-q", pkg], TimeSpan.FromMinutes(10), ct, workingDir: tmp);
            var deb = Directory.GetFiles(tmp, "*.deb").Single();
            await Exec.CheckedAsync(Exec.Which("dpkg-deb") ?? "dpkg-deb", ["-x", deb, Path.Combine(tmp, "x")], TimeSpan.FromMinutes(5), ct);
            var image = Directory.GetFiles(Path.Combine(tmp, "x", "boot"), "vmlinuz-*").Single();
            Directory.CreateDirectory(dir + ".new");
            File.Move(image, Path.Combine(dir + ".new", "vmlinuz"));
            Directory.Delete(tmp, true);
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            Directory.Move(dir + ".new", dir);
        }
        return new GuestKernel(flavour, pkg, vmlinuz);
    }
}
