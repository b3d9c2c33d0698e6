namespace Harness.Core;

/// <summary>Reads the host process table from /proc: which processes belong to an instance, and their memory.</summary>
public static class HostProcesses
{
    public sealed record Proc(int Pid, int ParentPid, string Comm, string CommandLine);

    public static IReadOnlyList<Proc> Snapshot()
    {
        var list = new List<Proc>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int close = stat.LastIndexOf(')');
                var comm = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                list.Add(new Proc(pid, int.Parse(fields[1]), comm, cmd));
            }
            catch (IOException) { } // exited while we looked
            catch (UnauthorizedAccessException) { }
        }
        return list;
    }

    /// <summary>The given roots plus every process whose command line names <paramref name="marker"/>, with all their descendants.</summary>
    public static IReadOnlyList<int> Belonging(string marker, IEnumerable<int> roots)
    {
        var procs = Snapshot();
        var set = new HashSet<int>(roots.Where(p => p > 0));
        foreach (var p in procs) if (p.CommandLine.Contains(marker, StringComparison.Ordinal)) set.Add(p.Pid);
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var p in procs) if (!set.Contains(p.Pid) && set.Contains(p.ParentPid)) { set.Add(p.Pid); grew = true; }
        }
        return set.Where(pid => procs.Any(p => p.Pid == pid)).OrderBy(p => p).ToList();
    }

    /// <summary>Sum of Pss over the processes, from /proc/PID/smaps_rollup (kB → bytes). Missing processes count 0.</summary>
    public static long PssBytes(IEnumerable<int> pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            try { total += SmapsRollup.ParsePssKb(File.ReadAllText($"/proc/{pid}/smaps_rollup")) * 1024; }
            catch (IOException) { }
        }
        return total;
    }
}

public static class SmapsRollup
{
    /// <summary>The Pss line of smaps_rollup, in kB. Throws on text without one: a silent 0 would read as "free".</summary>
    public static long ParsePssKb(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("Pss:", StringComparison.Ordinal)) continue;
            var parts = line[4..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], out var kb)) return kb;
        }
        throw new FormatException("smaps_rollup text has no 'Pss:' line");
    }
}
