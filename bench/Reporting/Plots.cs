using Harness.Stats;
using ScottPlot;

namespace Harness.Reporting;

/// <summary>The report's PNGs (ScottPlot). Log axes are drawn by plotting log10 values with decade tick labels.</summary>
public static class Plots
{
    private const int W = 1100, H = 620;

    private static Plot New(string title, string x, string y)
    {
        var p = new Plot();
        p.Title(title, 20);
        p.XLabel(x, 16);
        p.YLabel(y, 16);
        p.Axes.Bottom.TickLabelStyle.FontSize = 14;
        p.Axes.Left.TickLabelStyle.FontSize = 14;
        return p;
    }

    private static void LogY(Plot p, double minLog, double maxLog)
    {
        var ticks = new List<Tick>();
        for (int d = (int)Math.Floor(minLog); d <= (int)Math.Ceiling(maxLog); d++)
        {
            ticks.Add(Tick.Major(d, FormatDecade(d)));
            for (int k = 2; k < 10; k++) ticks.Add(Tick.Minor(d + Math.Log10(k)));
        }
        p.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        p.Axes.SetLimitsY(Math.Floor(minLog), Math.Ceiling(maxLog));
    }

    private static string FormatDecade(int d) => Math.Pow(10, d) switch { >= 1 and var v => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), var v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) };

    private static void TierTicks(Plot p, IReadOnlyList<string> labels) =>
        p.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), [.. labels]);

    private static string Label(RunData run, string tier) => $"{tier}\n{run.Platform(tier).Split(' ')[0]}";

    /// <summary>Cold start (spawn → ready line) per tier: box = p25-p75, whiskers = min-max, line = median; log axis.</summary>
    public static string ColdStart(RunData run, string dir)
    {
        var tiers = run.Tiers.Where(t => run.Values(t, "coldstart", "cold_start_ready_ms").Count > 0).ToList();
        var p = New("Cold start: spawn → workload ready (host clock)", "tier", "ms (log scale)");
        double lo = 10, hi = 0;
        for (int i = 0; i < tiers.Count; i++)
        {
            var v = run.Values(tiers[i], "coldstart", "cold_start_ready_ms").Select(Math.Log10).ToList();
            lo = Math.Min(lo, v.Min()); hi = Math.Max(hi, v.Max());
            p.Add.Box(new Box
            {
                Position = i, BoxMin = Percentiles.Of(v, 25), BoxMax = Percentiles.Of(v, 75), BoxMiddle = Percentiles.Of(v, 50),
                WhiskerMin = v.Min(), WhiskerMax = v.Max(),
            });
            p.Add.Text($"p50 {Math.Pow(10, Percentiles.Of(v, 50)):0.#} ms (n={v.Count})", i - 0.35, v.Max() + 0.25).LabelFontSize = 13;
        }
        TierTicks(p, tiers.Select(t => Label(run, t)).ToList());
        LogY(p, lo - 0.2, hi + 0.3);
        return Save(p, dir, "coldstart.png");
    }

    /// <summary>Memory per idle instance, one bar per measurement view.</summary>
    public static string Memory(RunData run, string dir)
    {
        var tiers = run.Tiers;
        var views = new (string Metric, string Label)[]
        {
            ("mem_pss_per_instance_bytes", "PSS of host processes"), ("mem_available_drop_per_instance_bytes", "MemAvailable drop / N"),
            ("mem_cgroup_per_instance_bytes", "cgroup usage"),
        };
        var p = New("Memory per idle instance", "tier", "MiB");
        var palette = new ScottPlot.Palettes.Category10();
        for (int v = 0; v < views.Length; v++)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < tiers.Count; i++)
                if (run.Cell(tiers[i], "idle", views[v].Metric) is { } c)
                    bars.Add(new Bar { Position = i + (v - 1) * 0.27, Value = c.P50 / 1048576, Size = 0.25, FillColor = palette.GetColor(v), Label = $"{c.P50 / 1048576:0.#}" });
            var bp = p.Add.Bars(bars);
            bp.LegendText = views[v].Label;
            bp.ValueLabelStyle.FontSize = 12;
        }
        TierTicks(p, tiers.Select(t => Label(run, t)).ToList());
        p.ShowLegend(Alignment.UpperLeft);
        p.Axes.Margins(bottom: 0);
        return Save(p, dir, "memory.png");
    }

    /// <summary>Slowdown vs the same binary on the host, raw getpid and file loop; log axis.</summary>
    public static string Syscalls(RunData run, string dir)
    {
        var tiers = run.Tiers;
        var p = New("Syscall overhead vs host (same binary, same run)", "tier", "× host p50 (log scale)");
        var palette = new ScottPlot.Palettes.Category10();
        var metrics = new[] { ("getpid_ns_per_op_slowdown_vs_host", "raw getpid"), ("file_cycle_ns_per_op_slowdown_vs_host", "open/fstat/read/close") };
        double hi = 0;
        for (int m = 0; m < metrics.Length; m++)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < tiers.Count; i++)
            {
                var c = run.Cell(tiers[i], metrics[m].Item1.Replace("_slowdown_vs_host", "") is var w && w.StartsWith("getpid") ? "getpid" : "fileloop", metrics[m].Item1);
                if (c is null) continue;
                var y = Math.Log10(c.P50);
                hi = Math.Max(hi, y);
                // Bars start at 1× (log10 = 0): up is slower than the host, down is faster.
                bars.Add(new Bar { Position = i + (m - 0.5) * 0.4, Value = y, ValueBase = 0, Size = 0.38, FillColor = palette.GetColor(m), Label = $"{c.P50:0.##}×" });
            }
            var bp = p.Add.Bars(bars);
            bp.LegendText = metrics[m].Item2;
            bp.ValueLabelStyle.FontSize = 12;
        }
        TierTicks(p, tiers.Select(t => Label(run, t)).ToList());
        LogY(p, -0.3, hi + 0.3);
        p.ShowLegend(Alignment.UpperLeft);
        return Save(p, dir, "syscall.png");
    }

    /// <summary>Density ramp: instances vs total PSS, and instances vs start latency.</summary>
    public static IReadOnlyList<string> Density(RunData run, string dir)
    {
        var mem = New("Density ramp: memory", "idle instances", "total PSS (MiB)");
        var start = New("Density ramp: start latency of the n-th instance", "idle instances", "ms (log scale)");
        double lo = 10, hi = 0;
        foreach (var t in run.Tiers)
        {
            var pss = run.Samples.Where(s => s.Tier == t && s.Metric == "density_step_pss_total_bytes").OrderBy(s => s.Iteration).ToList();
            var st = run.Samples.Where(s => s.Tier == t && s.Metric == "density_step_start_ms").OrderBy(s => s.Iteration).ToList();
            if (pss.Count == 0) continue;
            var a = mem.Add.Scatter(pss.Select(s => (double)s.Iteration).ToArray(), pss.Select(s => s.Value / 1048576).ToArray());
            a.LegendText = t;
            var ys = st.Select(s => Math.Log10(Math.Max(s.Value, 0.1))).ToArray();
            lo = Math.Min(lo, ys.Min()); hi = Math.Max(hi, ys.Max());
            var b = start.Add.Scatter(st.Select(s => (double)s.Iteration).ToArray(), ys);
            b.LegendText = t;
        }
        mem.ShowLegend(Alignment.UpperLeft);
        start.ShowLegend(Alignment.UpperLeft);
        LogY(start, lo - 0.2, hi + 0.2);
        return [Save(mem, dir, "density_memory.png"), Save(start, dir, "density_start.png")];
    }

    /// <summary>Long code execution: iterations completed in each second, per tier (steady state visible).</summary>
    public static string CodeExec(RunData run, string dir)
    {
        var p = New("Long code execution: throughput over time", "second", "iterations in that second");
        foreach (var t in run.Tiers.Prepend(Tiers.HostNativeTier.TierId))
        {
            var pts = run.Samples.Where(s => s.Tier == t && s.Metric.StartsWith("codeexec_iterations_in_second[", StringComparison.Ordinal) && s.Iteration == 0 && s.Outcome == "ok")
                .Select(s => (X: double.Parse(s.Metric[(s.Metric.IndexOf('[') + 1)..^1]), Y: s.Value)).OrderBy(x => x.X).ToList();
            if (pts.Count == 0) continue;
            var sc = p.Add.Scatter(pts.Select(x => x.X).ToArray(), pts.Select(x => x.Y).ToArray());
            sc.LegendText = t;
        }
        p.ShowLegend(Alignment.LowerRight);
        return Save(p, dir, "codeexec.png");
    }

    /// <summary>Security vs cost: exposed conformance checks against p50 cold start (log x).</summary>
    public static string? SecurityVsCost(RunData run, string dir)
    {
        if (run.Conformance.Count == 0) return null;
        var p = New("Security vs cost", "p50 cold start, ms (log10)", "exposed escape-surface checks");
        foreach (var t in run.Tiers)
        {
            var cs = run.Cell(t, "coldstart", "cold_start_ready_ms");
            if (cs is null) continue;
            int exposed = run.Conformance.Count(r => r.Tier == t && r.Outcome == "exposed");
            var m = p.Add.Marker(Math.Log10(cs.P50), exposed);
            m.MarkerSize = 14;
            p.Add.Text($"{t} ({cs.P50:0} ms, {exposed})", Math.Log10(cs.P50) + 0.05, exposed + 0.3).LabelFontSize = 14;
        }
        p.Axes.SetLimitsY(0, run.Conformance.Select(r => r.Tier).Distinct().Max(t => run.Conformance.Count(r => r.Tier == t && r.Outcome == "exposed")) + 2);
        p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 6).Select(d => Tick.Major(d, FormatDecade(d))).ToArray());
        p.Axes.SetLimitsX(0.5, 5.2);
        return Save(p, dir, "security_vs_cost.png");
    }

    private static string Save(Plot p, string dir, string file)
    {
        p.SavePng(Path.Combine(dir, file), W, H);
        return file;
    }
}
