using Harness.Core;

namespace Harness.Measurements;

/// <summary>Quick: minutes, small n. Nightly: quick sizes, n ≥ 8 per cell so the regression test has power. Full: n ≥ 30.</summary>
public enum RunProfile { Quick, Nightly, Full }

/// <summary>A workload as the harness runs it: argv per profile, repetitions, and the article's workload class.</summary>
public sealed record WorkloadSpec(string Id, string Binary, string ArticleClass, IReadOnlyList<string> QuickArgs, IReadOnlyList<string> FullArgs,
    int QuickN, int FullN, TimeSpan Timeout)
{
    public IReadOnlyList<string> Args(RunProfile p) => [Binary, .. p == RunProfile.Full ? FullArgs : QuickArgs];
    public int N(RunProfile p) => p switch { RunProfile.Full => FullN, RunProfile.Nightly => Id == "codeexec" ? 1 : Math.Max(QuickN, 8), _ => QuickN };
}

public static class WorkloadCatalog
{
    // Sizes fit a 256 MiB sandbox (the hardened memory limit and the VM's RAM); quick keeps the TCG microVM under budget.
    // Full raises n to 30 per cell (p95/p99 need samples, not longer runs) and keeps each run's work bounded:
    // at ~24 µs per getpid on gVisor/ptrace, 10 M calls per run would make one cell take two hours.
    // codeexec is the exception: 3 runs of 30 s, each already a time series of per-second throughput windows.
    public static readonly IReadOnlyList<WorkloadSpec> All =
    [
        new("coldstart", "true", "cold start", [], [], 5, 30, TimeSpan.FromSeconds(90)),
        new("getpid", "getpid", "syscall-heavy", ["--iterations", "200000", "--rounds", "3"], ["--iterations", "200000", "--rounds", "3"], 3, 30, TimeSpan.FromSeconds(180)),
        new("fileloop", "fileloop", "syscall-heavy", ["--iterations", "20000"], ["--iterations", "50000"], 3, 30, TimeSpan.FromSeconds(180)),
        new("mixedfs", "mixedfs", "syscall-heavy", ["--files", "500"], ["--files", "2000"], 2, 30, TimeSpan.FromSeconds(180)),
        new("memory", "memory", "memory-bound", ["--mib", "16", "--passes", "3", "--fault-mib", "32"], ["--mib", "32", "--passes", "5", "--fault-mib", "64"], 2, 30, TimeSpan.FromSeconds(180)),
        new("toolcall", "toolcall", "short tool call", [], [], 5, 30, TimeSpan.FromSeconds(90)),
        new("codeexec", "codeexec", "long code execution", ["--seconds", "5"], ["--seconds", "30"], 1, 3, TimeSpan.FromSeconds(240)),
    ];

    public static IReadOnlyList<WorkloadSpec> Select(IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0) return All;
        var unknown = ids.Where(i => All.All(w => w.Id != i)).ToList();
        if (unknown.Count > 0)
            throw new HarnessException($"unknown workload(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(w => w.Id))}");
        return All.Where(w => ids.Contains(w.Id)).ToList();
    }
}
