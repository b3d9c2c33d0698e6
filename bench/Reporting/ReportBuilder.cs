using System.Globalization;
using Harness.Results;
using Harness.Stats;
using Harness.Tiers;

namespace Harness.Reporting;

/// <summary>Turns a run folder into plots, report.md, report.html and summary.csv beside its CSVs.</summary>
public static class ReportBuilder
{
    private static readonly (string Workload, string Metric, string Title)[] Tables =
    [
        ("coldstart", "cold_start_ready_ms", "Cold start: spawn → ready line (ms)"),
        ("coldstart", "exit_ms", "Spawn → exit (ms)"),
        ("coldstart", "cleanup_done_ms", "Spawn → cleanup done (ms)"),
        ("coldstart", "host_cpu_ms", "Host CPU per start (ms, runtime + workload)"),
        ("toolcall", "exit_ms", "Tool call end to end, incl. cold start (ms)"),
        ("getpid", "getpid_ns_per_op", "Raw getpid (ns/op)"),
        ("fileloop", "file_cycle_ns_per_op", "open/fstat/read/close cycle (ns)"),
        ("mixedfs", "fs_ops_per_s", "Tool-like file pass (ops/s)"),
        ("memory", "copy_gb_per_s", "Copy bandwidth (GB/s)"),
        ("memory", "triad_gb_per_s", "Triad bandwidth (GB/s)"),
        ("memory", "page_faults_per_s", "Fresh-page faults (faults/s)"),
        ("codeexec", "codeexec_steady_iterations_per_s", "Long code execution, steady state (iter/s)"),
        ("idle", "mem_pss_per_instance_bytes", "Memory per idle instance, PSS (bytes)"),
        ("idle", "mem_available_drop_per_instance_bytes", "Memory per idle instance, MemAvailable drop / N (bytes)"),
        ("idle", "mem_cgroup_per_instance_bytes", "Memory per idle instance, cgroup (bytes)"),
        ("idle", "density_instances", "Density ramp: instances reached"),
    ];

    public static IReadOnlyList<string> Write(string dir)
    {
        var run = RunData.Load(dir);
        CsvFiles.Write(Path.Combine(dir, "summary.csv"), run.Summary);
        var pngs = new List<string> { Plots.ColdStart(run, dir), Plots.Memory(run, dir), Plots.Syscalls(run, dir), Plots.CodeExec(run, dir) };
        pngs.AddRange(Plots.Density(run, dir));
        if (Plots.SecurityVsCost(run, dir) is { } sc) pngs.Add(sc);

        var doc = Build(run, pngs);
        File.WriteAllText(Path.Combine(dir, "report.md"), doc.ToMarkdown());
        File.WriteAllText(Path.Combine(dir, "report.html"), doc.ToHtml(dir, $"Sandbox tier report {run.Manifest.RunId}"));
        return [.. pngs, "report.md", "report.html", "summary.csv"];
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : Math.Abs(v) >= 1e5 ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    public static ReportDocument Build(RunData run, IReadOnlyList<string> pngs)
    {
        var m = run.Manifest;
        var h = m.Host;
        var doc = new ReportDocument().H(1, $"Sandbox tier report — run {m.RunId}");
        if (m.Status != "complete") doc.P($"⚠ This run is {m.Status.ToUpperInvariant()}: it was interrupted; figures cover only what was measured.");
        doc.P($"Profile {m.Profile}; started {m.StartedUtc:u}, finished {(m.FinishedUtc is { } f ? f.ToString("u") : "-")}. {string.Join(" ", m.Notes)}");
        doc.H(2, "Environment").Table(["host", "kernel", "CPU", "cores", "memory", "cgroup", "THP", "KSM"],
            [[h.Host, h.Kernel, h.Cpu, h.Cores.ToString(), $"{h.MemTotalBytes >> 30} GiB", h.CgroupMode, h.Thp, h.Ksm]]);
        doc.Table(["tier", "usable", "runtime", "version", "platform / accelerator", "reason"],
            m.Tiers.Select(t => (IReadOnlyList<string>)[t.TierId, t.Usable ? "yes" : "no", t.RuntimePath ?? "-", t.RuntimeVersion ?? "-", t.PlatformOrAccel, t.Reason]));
        if (m.Tiers.Any(t => t.PlatformOrAccel.StartsWith("tcg", StringComparison.Ordinal)))
            doc.P("The microVM tier ran under TCG (software emulation): its start-up and syscall figures are emulation figures and are never compared with hardware-virtualized claims without that label.");

        doc.H(2, "Plots");
        foreach (var p in pngs) doc.Img(p, p);

        doc.H(2, "Seed-claim check");
        doc.Table(["claim", "tier", "claimed", "measured", "verdict", "reading", "caveat"],
            ClaimChecker.Check(run).Select(c => (IReadOnlyList<string>)[c.Claim.Text, c.Tier ?? c.Claim.TierClass, $"{F(c.Claim.Low)}-{F(c.Claim.High)} {c.Claim.Unit}",
                c.Measured is { } v ? $"{F(v)} {c.Claim.Unit}" : "-", c.Verdict.ToString().ToLowerInvariant(), c.Claim.Reading, c.Caveat]));

        doc.H(2, "Measurements (p50 / p95 / p99, n)");
        foreach (var (w, metric, title) in Tables)
        {
            var rows = run.Summary.Where(r => r.Workload == w && r.Metric == metric).OrderBy(r => RunData.TierOrder(r.Tier)).ToList();
            if (rows.Count == 0) continue;
            doc.H(3, title).Table(["tier", "platform / accel", "p50", "p95", "p99", "min", "max", "n"],
                rows.Select(r => (IReadOnlyList<string>)[r.Tier, r.PlatformOrAccel, F(r.P50), F(r.P95), F(r.P99), F(r.Min), F(r.Max), r.N.ToString()]));
        }
        var ratios = run.Summary.Where(r => r.Metric.EndsWith("_slowdown_vs_host", StringComparison.Ordinal)).OrderBy(r => r.Metric).ThenBy(r => RunData.TierOrder(r.Tier)).ToList();
        if (ratios.Count > 0)
            doc.H(3, "Slowdown vs the same binary on the host (p50 ratio, >1 = slower)")
               .Table(["metric", "tier", "platform / accel", "ratio"], ratios.Select(r => (IReadOnlyList<string>)[r.Metric.Replace("_slowdown_vs_host", ""), r.Tier, r.PlatformOrAccel, F(r.P50) + "×"]));
        var share = run.Tiers.Select(t => (t, cs: run.Cell(t, "codeexec", "cold_start_ready_ms")?.P50, total: run.Cell(t, "codeexec", "exit_ms")?.P50))
            .Where(x => x.cs is not null && x.total is > 0).ToList();
        if (share.Count > 0)
            doc.H(3, "Share of a long code execution spent starting the sandbox")
               .Table(["tier", "cold start (ms)", "total (ms)", "share"], share.Select(x => (IReadOnlyList<string>)[x.t, F(x.cs!.Value), F(x.total!.Value), $"{100 * x.cs!.Value / x.total!.Value:0.##}%"]));

        var cross = run.Samples.Where(s => s.Workload == "crosscheck" && s.Metric == "harness_over_hyperfine").ToList();
        if (cross.Count > 0)
        {
            List<double> Values(string tier, string metric) => run.Samples.Where(s => s.Tier == tier && s.Workload == "crosscheck" && s.Metric == metric).Select(s => s.Value).ToList();
            double Med(List<double> v) => v.Count > 0 ? Percentiles.Of(v, 50) : double.NaN;
            doc.H(3, "Timer cross-check: the harness's clock against hyperfine")
               .P("The same container start command timed spawn → exit by the harness and by hyperfine -N, in alternating blocks. Target: medians within ±5 %.")
               .Table(["tier", "harness p50 (ms)", "hyperfine p50 (ms)", "n each", "harness / hyperfine", "detail"], cross.Select(c =>
               {
                   var harness = Values(c.Tier, "harness_exit_ms");
                   return (IReadOnlyList<string>)[c.Tier, F(Med(harness)), F(Med(Values(c.Tier, "hyperfine_exit_ms"))), harness.Count.ToString(), F(c.Value), c.Note];
               }));
        }

        var density = run.Samples.Where(s => s.Metric == "density_instances").ToList();
        if (density.Count > 0)
            doc.H(3, "Density ramp stop reasons").Table(["tier", "instances", "stopped because"], density.Select(s => (IReadOnlyList<string>)[s.Tier, F(s.Value), s.Note]));

        if (run.Conformance.Count > 0)
        {
            var tiers = run.Conformance.Select(r => r.Tier).Distinct().ToList();
            doc.H(2, "Escape-surface conformance");
            doc.Table(["tier", "exposed", "blocked", "virtualized", "info", "violations"], tiers.Select(t => (IReadOnlyList<string>)[t,
                .. new[] { "exposed", "blocked", "virtualized", "info" }.Select(o => run.Conformance.Count(r => r.Tier == t && r.Outcome == o).ToString()),
                run.Conformance.Count(r => r.Tier == t && r.Verdict is "fail" or "missing").ToString()]));
            doc.Table(["check", .. tiers], run.Conformance.Select(r => r.Check).Distinct().Select(c => (IReadOnlyList<string>)[c,
                .. tiers.Select(t => run.Conformance.FirstOrDefault(r => r.Tier == t && r.Check == c) is { } r ? (r.Verdict == "fail" ? $"{r.Outcome} ✗ (expected {r.Expected})" : r.Outcome) : "-")]));
        }
        if (run.Images.Count > 0)
            doc.H(2, "Image surface").Table(["image", "files", "bytes", "setuid files", "shell / package manager / tools present"],
                run.Images.Select(i => (IReadOnlyList<string>)[i.Image, i.Files.ToString(), i.Bytes.ToString(), i.SetuidFiles.ToString(), i.ToolsPresent.Length == 0 ? "none" : i.ToolsPresent]));

        doc.H(2, "Recommendation per workload class");
        doc.Table(["workload class", "recommended", "runner-up", "why"], Recommender.ArticleClasses.Select(c =>
        {
            var r = new Recommender(run).Recommend(c.Input);
            return (IReadOnlyList<string>)[c.Name, r.Tier, r.RunnerUp ?? "-", r.Why];
        }));
        var rec = new Recommender(run);
        var hybrid = rec.Route(Recommender.ArticleClasses);
        doc.H(2, "Hybrid routing vs one tier for everything");
        doc.P("Per class: the recommended tier, the start-up time paid per second of traffic (rate × p50 cold start) and the memory held by instances in flight (rate × (start + duration) × PSS per instance). Rates are the illustrative mix in Recommender.ArticleClasses.");
        doc.Table(["workload class", "rate /s", "tier", "start-up ms per s", "instances in flight", "memory MB"],
            hybrid.Zip(Recommender.ArticleClasses).Select(x => (IReadOnlyList<string>)[x.First.Class, F(x.Second.RatePerSecond), x.First.Tier, F(x.First.StartCostMsPerS), F(x.First.ConcurrentInstances), F(x.First.MemoryMb)]));
        var options = new[] { ("hybrid (recommended per class)", hybrid) }
            .Concat(new[] { Recommender.MicroVm, Recommender.Gvisor, Recommender.Hardened }.Where(t => rec.ColdStart(t) is not null)
                .Select(t => ($"everything in {t}", rec.Route(Recommender.ArticleClasses, t))));
        doc.Table(["routing", "start-up ms per s", "memory MB", "note"], options.Select(o => (IReadOnlyList<string>)[o.Item1, F(o.Item2.Sum(r => r.StartCostMsPerS)), F(o.Item2.Sum(r => r.MemoryMb)),
            o.Item1.Contains(Recommender.Hardened) ? "under-isolates untrusted and regulated classes" : o.Item1.Contains(Recommender.Gvisor) ? "not VM-grade for the regulated class" : ""]));
        return doc;
    }
}
