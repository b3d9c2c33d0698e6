using Harness.Core;

namespace Harness.Images;

/// <summary>Builds a minimal guest kernel from Debian's linux-source package: tinyconfig plus
/// minimal-guest.config, make bzImage. About 4 minutes on 2 cores, once; cached by (source version, fragment).</summary>
public sealed class MinimalKernelBuilder(HarnessPaths paths, Action<string> log)
{
    public const string SourcePackage = "linux-source-6.1";
    public static string Fragment => Path.Combine(AppContext.BaseDirectory, "Images", "minimal-guest.config");

    public async Task<GuestKernel> EnsureAsync(CancellationToken ct)
    {
        var policy = await Exec.CheckedAsync(Exec.Which("dpkg-query") ?? "dpkg-query", ["-W", "-f=${Version}", SourcePackage], TimeSpan.FromSeconds(30), ct)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Stdout.Trim() : "", ct);
        if (policy.Length == 0)
            throw new HarnessException($"{SourcePackage} is not installed; './run-all.sh' installs it (apt-get install {SourcePackage} flex bison bc libelf-dev)");
        var key = ContentHash.Key("minimal-v1", SourcePackage, policy, File.ReadAllText(Fragment));
        var dir = Path.Combine(paths.CacheRoot, $"kernel-minimal-{key}");
        var image = Path.Combine(dir, "bzImage");
        if (File.Exists(image)) return new GuestKernel("minimal", $"minimal-{SourcePackage}-{policy}", image);

        var tarball = Directory.GetFiles("/usr/src", $"{SourcePackage}.tar.*").FirstOrDefault()
            ?? throw new HarnessException($"no /usr/src/{SourcePackage}.tar.* although the package is installed");
        var work = Path.Combine(paths.CacheRoot, $"kernel-minimal-{key}.tmp");
        if (Directory.Exists(work)) Directory.Delete(work, true);
        Directory.CreateDirectory(work);
        try
        {
            log($"building a minimal guest kernel from {SourcePackage} {policy} (tinyconfig + fragment, about 4 min)…");
            await Exec.CheckedAsync("/bin/tar", ["-xf", tarball, "-C", work], TimeSpan.FromMinutes(10), ct);
            var src = Directory.GetDirectories(work).Single();
            var make = Exec.Which("make") ?? throw new HarnessException("make not found (build-essential)");
            await Exec.CheckedAsync(make, ["-C", src, "tinyconfig"], TimeSpan.FromMinutes(5), ct);
            await Exec.CheckedAsync("/bin/sh", [Path.Combine(src, "scripts/kconfig/merge_config.sh"), "-m", "-O", src, Path.Combine(src, ".config"), Fragment], TimeSpan.FromMinutes(5), ct, workingDir: src);
            await Exec.CheckedAsync(make, ["-C", src, "olddefconfig"], TimeSpan.FromMinutes(5), ct);
            await Exec.CheckedAsync(make, ["-C", src, $"-j{Environment.ProcessorCount}", "bzImage"], TimeSpan.FromMinutes(40), ct);
            Directory.CreateDirectory(dir + ".new");
            File.Copy(Path.Combine(src, "arch/x86/boot/bzImage"), Path.Combine(dir + ".new", "bzImage"));
            File.Copy(Path.Combine(src, ".config"), Path.Combine(dir + ".new", "config"));
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            Directory.Move(dir + ".new", dir);
        }
        finally { Directory.Delete(work, true); }
        return new GuestKernel("minimal", $"minimal-{SourcePackage}-{policy}", image);
    }
}
