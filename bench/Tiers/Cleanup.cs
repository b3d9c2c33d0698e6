using Harness.Core;

namespace Harness.Tiers;

/// <summary>Removes what an instance left on the host. Only touches paths under the harness state dir and
/// cgroups under the harness cgroup parent, so it never removes what it did not create.</summary>
public static class Cleanup
{
    public static void RemoveInstance(HarnessPaths paths, string id)
    {
        var dir = Path.Combine(paths.Instances, id);
        UnmountUnder(dir);
        if (Directory.Exists(dir))
        {
            try { Directory.Delete(dir, true); }
            catch (IOException) { UnmountUnder(dir); Directory.Delete(dir, true); }
        }
        foreach (var cg in CgroupDirs(HarnessPaths.CgroupParent + "/" + id).OrderByDescending(d => d.Length))
            RemoveCgroup(cg);
    }

    /// <summary>Entries in a runtime's --root whose name contains <paramref name="marker"/> (an instance id or the harness prefix).</summary>
    public static IReadOnlyList<string> StateEntries(string runtimeRoot, string marker) =>
        Directory.Exists(runtimeRoot)
            ? Directory.EnumerateFileSystemEntries(runtimeRoot).Where(e => Path.GetFileName(e).Contains(marker, StringComparison.Ordinal)).ToList()
            : [];

    /// <summary>Removes state/lock entries a runtime's delete did not know (a create killed half-way); they are ours by name.</summary>
    public static void RemoveStateEntries(string runtimeRoot, string marker)
    {
        foreach (var e in StateEntries(runtimeRoot, marker))
        {
            try { if (Directory.Exists(e)) Directory.Delete(e, true); else File.Delete(e); } catch (IOException) { }
        }
    }

    /// <summary>Lazily unmounts every mount point at or below <paramref name="dir"/>, deepest first.</summary>
    public static IReadOnlyList<string> UnmountUnder(string dir)
    {
        const int MNT_DETACH = 2;
        var points = MountPoints().Where(m => m == dir || m.StartsWith(dir + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length).ToList();
        foreach (var m in points) Native.Umount2(m, MNT_DETACH);
        return points;
    }

    public static IReadOnlyList<string> MountPoints() =>
        File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Where(f => f.Length > 4).Select(f => Unescape(f[4])).ToList();

    private static string Unescape(string s) => s.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");

    /// <summary>The directories of a relative cgroup path in every mounted v1 hierarchy (and the v2 tree, if any).</summary>
    public static IReadOnlyList<string> CgroupDirs(string relative)
    {
        const string root = "/sys/fs/cgroup";
        if (!Directory.Exists(root)) return [];
        var candidates = new List<string> { Path.Combine(root, relative) };
        foreach (var h in Directory.EnumerateDirectories(root)) candidates.Add(Path.Combine(h, relative));
        return candidates.Where(Directory.Exists).ToList();
    }

    private static void RemoveCgroup(string dir)
    {
        // A cgroup dir is removed with rmdir of the (empty) dir, children first; files inside are kernel pseudo-files.
        foreach (var child in Directory.EnumerateDirectories(dir)) RemoveCgroup(child);
        for (int i = 0; i < 20; i++)
        {
            try { Directory.Delete(dir, false); return; }
            catch (IOException) { Thread.Sleep(50); } // tasks still exiting
            catch (UnauthorizedAccessException) { return; }
        }
    }
}
