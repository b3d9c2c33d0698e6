using System.Text.RegularExpressions;

namespace Harness.Core;

/// <summary>Facts about the host every row carries or the report prints.</summary>
public sealed record HostFacts(string Host, string Kernel, string Cpu, int Cores, long MemTotalBytes, string CgroupMode, string Thp, string Ksm)
{
    public static HostFacts Read() => new(
        Environment.MachineName,
        ReadTrim("/proc/sys/kernel/osrelease"),
        Regex.Match(SafeRead("/proc/cpuinfo"), @"model name\s*:\s*(.+)").Groups[1].Value.Trim(),
        Environment.ProcessorCount,
        MemInfoKb("MemTotal") * 1024,
        DetectCgroupMode(),
        Regex.Match(SafeRead("/sys/kernel/mm/transparent_hugepage/enabled"), @"\[(\w+)\]").Groups[1].Value,
        SafeRead("/sys/kernel/mm/ksm/run").Trim() switch { "1" => "on", "0" => "off", "" => "absent", var s => s });

    public static string DetectCgroupMode()
    {
        var mounts = SafeRead("/proc/self/mounts");
        bool v2root = Regex.IsMatch(mounts, @"^\S+ /sys/fs/cgroup cgroup2 ", RegexOptions.Multiline);
        bool v1 = Regex.IsMatch(mounts, @" /sys/fs/cgroup/\S+ cgroup ", RegexOptions.Multiline);
        bool unified = Regex.IsMatch(mounts, @" /sys/fs/cgroup/unified cgroup2 ", RegexOptions.Multiline);
        return v2root ? "v2" : v1 && unified ? "v1-hybrid" : v1 ? "v1" : "none";
    }

    public static long MemInfoKb(string key)
    {
        var m = Regex.Match(SafeRead("/proc/meminfo"), $@"^{key}:\s+(\d+) kB", RegexOptions.Multiline);
        return m.Success ? long.Parse(m.Groups[1].Value) : 0;
    }

    private static string ReadTrim(string p) => SafeRead(p).Trim();

    private static string SafeRead(string p)
    {
        try { return File.ReadAllText(p); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; }
    }
}
