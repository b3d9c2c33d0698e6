using System.Text.RegularExpressions;
using Harness.Core;

namespace Harness.Images;

public sealed record ImageOptions(string KernelFlavour = "cloud", string Suite = "bookworm")
{
    public static readonly IReadOnlyList<string> KernelFlavours = ["minimal", "cloud", "generic"];
}

/// <summary>Builds the workload binary and the images, each cached under a key of its inputs: a second run
/// rebuilds nothing unchanged. Builds go to a temp dir and are renamed into place, so a killed build leaves no half image.</summary>
public sealed partial class ImageBuilder(HarnessPaths paths, Action<string> log)
{
    private const string Recipe = "v1";
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static readonly string[] ToolNames =
        ["sh", "bash", "dash", "busybox", "apt", "apt-get", "dpkg", "apk", "rpm", "pip", "pip3", "curl", "wget", "nc", "gcc", "cc", "python3", "perl"];

    public async Task<ImageSet> EnsureAsync(ImageOptions options, CancellationToken ct)
    {
        await InProcess.WaitAsync(ct);
        try
        {
            using var _ = await FileLock.AcquireAsync(Path.Combine(paths.CacheRoot, "build.lock"), TimeSpan.FromMinutes(20), ct);
            var sbw = await EnsureWorkloadAsync(ct);
            var standard = await EnsureStandardAsync(options, sbw, ct);
            var hardened = EnsureHardened(sbw);
            var vm = await EnsureMicroVmAsync(options, sbw, ct);
            var set = new ImageSet(sbw, standard, hardened, vm);
            PruneCache([.. standard.Layers, .. hardened.Layers, vm.Initramfs]);
            return set;
        }
        finally { InProcess.Release(); }
    }

    /// <summary>Publishes workloads/ with Native AOT when any source is newer than the binary.</summary>
    public async Task<WorkloadBinary> EnsureWorkloadAsync(CancellationToken ct)
    {
        var src = Path.Combine(paths.RepoRoot, "workloads");
        var bin = Path.Combine(paths.WorkloadOutput, "sbw");
        var newest = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".csproj")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Append(Path.Combine(paths.RepoRoot, "Directory.Build.props"))
            .Max(File.GetLastWriteTimeUtc);
        using var publishLock = await FileLock.AcquireAsync(Path.Combine(paths.RepoRoot, ".build", "publish.lock"), TimeSpan.FromMinutes(10), ct);
        if (!File.Exists(bin) || File.GetLastWriteTimeUtc(bin) < newest)
        {
            log("publishing workloads (Native AOT)…");
            var dotnet = Exec.Which("dotnet") ?? throw new HarnessException("dotnet is not on PATH; run ./run-all.sh, which installs what is missing");
            await Exec.CheckedAsync(dotnet, ["publish", src, "-c", "Release", "-o", paths.WorkloadOutput, "--nologo", "-v", "q"], TimeSpan.FromMinutes(10), ct);
            File.SetLastWriteTimeUtc(bin, DateTime.UtcNow);
        }
        var closure = await LibraryClosureAsync(bin, ct);
        return new WorkloadBinary(bin, ContentHash.OfFile(bin), closure);
    }

    [GeneratedRegex(@"(?:=>\s*)?(/\S+)\s+\(0x")]
    private static partial Regex LddPath();

    /// <summary>The shared libraries the binary needs (ldd), including the dynamic loader itself.</summary>
    public static async Task<IReadOnlyList<string>> LibraryClosureAsync(string binary, CancellationToken ct)
    {
        var ldd = Exec.Which("ldd") ?? throw new HarnessException("ldd not found (package libc-bin)");
        var r = await Exec.CheckedAsync(ldd, [binary], TimeSpan.FromSeconds(30), ct);
        return ParseLdd(r.Stdout);
    }

    public static IReadOnlyList<string> ParseLdd(string lddOutput) =>
        lddOutput.Split('\n').Select(l => LddPath().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();

    private async Task<RootfsImage> EnsureStandardAsync(ImageOptions o, WorkloadBinary sbw, CancellationToken ct)
    {
        var baseDir = Path.Combine(paths.CacheRoot, $"rootfs-debian-{o.Suite}-minbase-{ContentHash.Key(Recipe, o.Suite, "minbase")}");
        if (!Directory.Exists(baseDir))
        {
            var mm = Exec.Which("mmdebstrap") ?? throw new HarnessException("mmdebstrap is not installed; run ./run-all.sh, which installs it with apt");
            log($"building Debian {o.Suite} minbase rootfs with mmdebstrap (about 20-60 s)…");
            var tmp = baseDir + ".tmp";
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
            await Exec.CheckedAsync(mm, ["--variant=minbase", "--mode=root", "--quiet", o.Suite, tmp], TimeSpan.FromMinutes(15), ct);
            Directory.Move(tmp, baseDir);
        }
        var layer = Path.Combine(paths.CacheRoot, $"layer-sbw-{sbw.Sha256[..16]}");
        if (!Directory.Exists(layer))
        {
            var tmp = layer + ".tmp";
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
            CopyFile(sbw.Path, Path.Combine(tmp, "opt/sbw/sbw"), 0x1ED);
            Directory.Move(tmp, layer);
        }
        return new RootfsImage("standard", [layer, baseDir], Surface("standard", [layer, baseDir]));
    }

    /// <summary>Distroless-style: the binary, its shared-library closure, a passwd line for the non-root user, empty mount points.</summary>
    private RootfsImage EnsureHardened(WorkloadBinary sbw)
    {
        var dir = Path.Combine(paths.CacheRoot, $"rootfs-hardened-{ContentHash.Key([Recipe, sbw.Sha256, .. sbw.LibraryClosure.Select(ContentHash.OfFile)])}");
        if (!Directory.Exists(dir))
        {
            var tmp = dir + ".tmp";
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
            CopyFile(sbw.Path, Path.Combine(tmp, "opt/sbw/sbw"), 0x1ED);
            foreach (var lib in sbw.LibraryClosure) CopyFile(lib, Path.Combine(tmp, lib.TrimStart('/')), 0x1ED);
            Directory.CreateDirectory(Path.Combine(tmp, "etc"));
            File.WriteAllText(Path.Combine(tmp, "etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");
            File.WriteAllText(Path.Combine(tmp, "etc/group"), "root:x:0:\nnonroot:x:65532:\n");
            foreach (var d in new[] { "proc", "sys", "dev", "tmp" }) Directory.CreateDirectory(Path.Combine(tmp, d));
            Directory.Move(tmp, dir);
        }
        return new RootfsImage("hardened", [dir], Surface("hardened", [dir]));
    }

    private async Task<VmImage> EnsureMicroVmAsync(ImageOptions o, WorkloadBinary sbw, CancellationToken ct)
    {
        var kernel = await new GuestKernelFetcher(paths, log).EnsureAsync(o.KernelFlavour, ct);
        var path = Path.Combine(paths.CacheRoot, $"initramfs-{ContentHash.Key([Recipe, sbw.Sha256, .. sbw.LibraryClosure.Select(ContentHash.OfFile)])}.cpio.gz");
        if (!File.Exists(path))
        {
            var tmp = path + ".tmp";
            using (var cpio = new CpioWriter(tmp))
            {
                var dirs = new SortedSet<string>(StringComparer.Ordinal) { "dev", "proc", "sys", "tmp", "opt", "opt/sbw" };
                foreach (var lib in sbw.LibraryClosure)
                    for (var d = Path.GetDirectoryName(lib.TrimStart('/')); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d)) dirs.Add(d);
                foreach (var d in dirs) cpio.Directory(d);
                cpio.CharDevice("dev/console", 5, 1);
                var bin = File.ReadAllBytes(sbw.Path);
                cpio.File("init", bin);
                cpio.Symlink("opt/sbw/sbw", "/init");
                foreach (var lib in sbw.LibraryClosure) cpio.File(lib.TrimStart('/'), File.ReadAllBytes(lib));
            }
            File.Move(tmp, path, overwrite: true);
        }
        long bytes = sbw.LibraryClosure.Sum(l => new FileInfo(l).Length) + new FileInfo(sbw.Path).Length;
        return new VmImage(path, kernel, new ImageSurface("microvm-initramfs", sbw.LibraryClosure.Count + 1, bytes, 0, []));
    }

    /// <summary>Images keyed by the workload binary pile up as it changes: keep the newest few of each kind, never one in use.</summary>
    private void PruneCache(IReadOnlyCollection<string> inUse, int keep = 3)
    {
        foreach (var prefix in new[] { "layer-sbw-", "rootfs-hardened-", "initramfs-", "kvm-probe-" })
        {
            var entries = new DirectoryInfo(paths.CacheRoot).EnumerateFileSystemInfos(prefix + "*")
                .Where(e => !e.Name.EndsWith(".tmp")).OrderByDescending(e => e.LastWriteTimeUtc).Skip(keep)
                .Where(e => !inUse.Contains(e.FullName));
            foreach (var e in entries)
            {
                try { if (e is DirectoryInfo d) d.Delete(true); else e.Delete(); }
                catch (IOException) { } // in use by another harness process: next time
            }
        }
    }

    private static void CopyFile(string from, string to, int mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
        File.SetUnixFileMode(to, (UnixFileMode)mode);
    }

    /// <summary>Counts what an image holds, merging layers top-down like overlayfs (an upper entry hides a lower one).</summary>
    public static ImageSurface Surface(string name, IReadOnlyList<string> layers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long files = 0, bytes = 0, setuid = 0;
        foreach (var layer in layers)
            foreach (var f in new DirectoryInfo(layer).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                var rel = Path.GetRelativePath(layer, f.FullName);
                if (f is DirectoryInfo || !seen.Add(rel)) continue;
                files++;
                if (f.LinkTarget is null && f is FileInfo fi)
                {
                    bytes += fi.Length;
                    if ((fi.UnixFileMode & (UnixFileMode.SetUser | UnixFileMode.SetGroup)) != 0) setuid++;
                }
            }
        var tools = ToolNames.Where(t => seen.Any(p => p.EndsWith("/" + t, StringComparison.Ordinal) &&
            (p.StartsWith("bin/") || p.StartsWith("usr/bin/") || p.StartsWith("sbin/") || p.StartsWith("usr/sbin/") || p.StartsWith("usr/local/bin/")))).ToList();
        return new ImageSurface(name, files, bytes, setuid, tools);
    }
}
