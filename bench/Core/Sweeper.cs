using Harness.Tiers;

namespace Harness.Core;

/// <summary>Finds and removes leftovers of killed runs: containers under the harness --root dirs, VMMs started
/// with a harness instance name, mounts and dirs under the state dir, harness cgroups. Touches nothing else.</summary>
public sealed class Sweeper(HarnessPaths paths)
{
    public sealed record Leftovers(IReadOnlyList<string> Containers, IReadOnlyList<int> Processes, IReadOnlyList<string> Mounts,
        IReadOnlyList<string> Dirs, IReadOnlyList<string> Cgroups)
    {
        public int Count => Containers.Count + Processes.Count + Mounts.Count + Dirs.Count + Cgroups.Count;
        public IEnumerable<string> Describe() =>
            Containers.Select(c => $"container {c}").Concat(Processes.Select(p => $"process {p}"))
                .Concat(Mounts.Select(m => $"mount {m}")).Concat(Dirs.Select(d => $"dir {d}")).Concat(Cgroups.Select(c => $"cgroup {c}"));
    }

    private IEnumerable<(string Binary, string Root)> RuntimeRoots() =>
        [("runc", paths.RuncRoot), ("runsc", paths.RunscRoot), ("crun", paths.CrunRoot)];

    public Leftovers Find()
    {
        var containers = new List<string>();
        foreach (var (_, root) in RuntimeRoots())
            containers.AddRange(Cleanup.StateEntries(root, HarnessPaths.Prefix + "-").Select(Path.GetFileName).OfType<string>());
        var procs = HostProcesses.Snapshot()
            .Where(p => p.Pid != Environment.ProcessId && (p.CommandLine.Contains(paths.StateRoot + "/", StringComparison.Ordinal) ||
                (p.Comm.StartsWith("qemu-system", StringComparison.Ordinal) && p.CommandLine.Contains($"-name {HarnessPaths.Prefix}-", StringComparison.Ordinal))))
            .Select(p => p.Pid).ToList();
        var mounts = Cleanup.MountPoints().Where(m => m.StartsWith(paths.Instances + "/", StringComparison.Ordinal)).ToList();
        var dirs = Directory.Exists(paths.Instances) ? Directory.GetDirectories(paths.Instances).ToList() : [];
        if (Directory.Exists(paths.CacheRoot)) dirs.AddRange(Directory.GetDirectories(paths.CacheRoot, "*.tmp"));
        var cgroups = Cleanup.CgroupDirs(HarnessPaths.CgroupParent).SelectMany(Directory.GetDirectories).ToList();
        return new Leftovers(containers, procs, mounts, dirs, cgroups);
    }

    public async Task<Leftovers> CleanAsync()
    {
        var found = Find();
        foreach (var (binary, root) in RuntimeRoots())
        {
            var path = Exec.Which(binary);
            if (path is null || !Directory.Exists(root)) continue;
            var list = await Exec.RunAsync(path, ["--root", root, "list", "-q"], TimeSpan.FromSeconds(30));
            foreach (var id in list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(i => i.StartsWith(HarnessPaths.Prefix + "-")))
                await Exec.RunAsync(path, ["--root", root, "delete", "--force", id], TimeSpan.FromSeconds(30));
        }
        foreach (var pid in found.Processes)
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        if (found.Processes.Count > 0) await Task.Delay(300);
        Cleanup.UnmountUnder(paths.Instances);
        foreach (var d in found.Dirs.Where(Directory.Exists))
        {
            try { Directory.Delete(d, true); } catch (IOException) { }
        }
        foreach (var cg in found.Cgroups.OrderByDescending(c => c.Length))
        {
            try { Directory.Delete(cg, false); } catch (IOException) { }
        }
        // Runtime state entries that list/delete did not know (a half-created container) go too.
        foreach (var (_, root) in RuntimeRoots()) Cleanup.RemoveStateEntries(root, HarnessPaths.Prefix + "-");
        return found;
    }
}
