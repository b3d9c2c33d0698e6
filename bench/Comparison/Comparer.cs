using Harness.Conformance;
using Harness.Reporting;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace Harness.Comparison;

public enum CellVerdict { Same, Better, Worse, Missing, New, EnvironmentChanged }

public sealed record CompareRow(string Tier, string Workload, string Metric, string Unit, int BaselineN, int CurrentN,
    double BaselineP50, double CurrentP50, double Ratio, double? PValue, CellVerdict Verdict, string Note);

public sealed record ConformanceChange(string Tier, string Check, string Baseline, string Current, bool LessSafe);

public sealed record CompareOptions(double ThresholdPercent = 10, double NoiseMs = 1, double NoiseNs = 1)
{
    public static readonly SignificanceLevel Alpha = SignificanceLevel.P01;
}

public sealed record CompareResult(IReadOnlyList<CompareRow> Rows, IReadOnlyList<ConformanceChange> Conformance, IReadOnlyList<string> EnvironmentNotes)
{
    public bool Regressed => Rows.Any(r => r.Verdict == CellVerdict.Worse) || Conformance.Any(c => c.LessSafe);
}

/// <summary>Baseline vs current per (tier, workload, metric) on the raw samples: a Mann-Whitney based equivalence test
/// at the threshold (as dotnet/performance's ResultsComparer does, via Perfolizer) plus an absolute noise floor.</summary>
public static class Comparer
{
    /// <summary>Stable metric ids compared nightly, and whether a larger value is better.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Metrics = new Dictionary<string, bool>
    {
        ["cold_start_ready_ms"] = false, ["exit_ms"] = false, ["cleanup_done_ms"] = false, ["toolcall_work_ms"] = false,
        ["getpid_ns_per_op"] = false, ["file_cycle_ns_per_op"] = false, ["fs_ops_per_s"] = true,
        ["copy_gb_per_s"] = true, ["triad_gb_per_s"] = true, ["page_faults_per_s"] = true, ["codeexec_steady_iterations_per_s"] = true,
        ["mem_pss_per_instance_bytes"] = false, ["mem_available_drop_per_instance_bytes"] = false, ["density_instances"] = true,
    };

    public static CompareResult Compare(RunData baseline, RunData current, CompareOptions o)
    {
        var threshold = Threshold.Parse($"{o.ThresholdPercent.ToString(System.Globalization.CultureInfo.InvariantCulture)}%");
        var test = new SimpleEquivalenceTest(MannWhitneyTest.Instance);
        var envNotes = new List<string>();
        var accelChanged = new HashSet<string>();
        foreach (var tier in baseline.Tiers.Intersect(current.Tiers))
        {
            var b = baseline.Summary.First(r => r.Tier == tier);
            var c = current.Summary.First(r => r.Tier == tier);
            if (b.PlatformOrAccel != c.PlatformOrAccel) { accelChanged.Add(tier); envNotes.Add($"{tier}: platform/accelerator {b.PlatformOrAccel} → {c.PlatformOrAccel} (not compared)"); }
            if (b.RuntimeVersion != c.RuntimeVersion) envNotes.Add($"{tier}: runtime {b.RuntimeVersion} → {c.RuntimeVersion} (compared: this is what nightly is for)");
        }
        if (baseline.Manifest.Host.Kernel != current.Manifest.Host.Kernel) envNotes.Add($"host kernel {baseline.Manifest.Host.Kernel} → {current.Manifest.Host.Kernel}");
        if (baseline.Manifest.Profile != current.Manifest.Profile) envNotes.Add($"profile {baseline.Manifest.Profile} → {current.Manifest.Profile}");

        var keys = baseline.Samples.Concat(current.Samples).Where(s => Metrics.ContainsKey(s.Metric))
            .Select(s => (s.Tier, s.Workload, s.Metric)).Distinct().OrderBy(k => k.Workload).ThenBy(k => k.Metric).ThenBy(k => RunData.TierOrder(k.Tier));
        var rows = new List<CompareRow>();
        foreach (var (tier, workload, metric) in keys)
        {
            var bv = baseline.Values(tier, workload, metric);
            var cv = current.Values(tier, workload, metric);
            var unit = baseline.Cell(tier, workload, metric)?.Unit ?? current.Cell(tier, workload, metric)?.Unit ?? "";
            if (bv.Count == 0 || cv.Count == 0)
            {
                rows.Add(new CompareRow(tier, workload, metric, unit, bv.Count, cv.Count, bv.Count > 0 ? Stats.Percentiles.Of(bv, 50) : double.NaN,
                    cv.Count > 0 ? Stats.Percentiles.Of(cv, 50) : double.NaN, double.NaN, null, bv.Count == 0 ? CellVerdict.New : CellVerdict.Missing,
                    bv.Count == 0 ? "not in the baseline" : "measured in the baseline, not in this run"));
                continue;
            }
            double b50 = Stats.Percentiles.Of(bv, 50), c50 = Stats.Percentiles.Of(cv, 50);
            double ratio = b50 == 0 ? double.NaN : c50 / b50;
            bool higherIsBetter = Metrics[metric];
            if (accelChanged.Contains(tier))
            {
                rows.Add(new CompareRow(tier, workload, metric, unit, bv.Count, cv.Count, b50, c50, ratio, null, CellVerdict.EnvironmentChanged, "platform/accelerator changed"));
                continue;
            }
            double noise = unit == "ms" ? o.NoiseMs : unit == "ns" ? o.NoiseNs : 0;
            CellVerdict verdict;
            double? p = null;
            string note;
            if (Math.Abs(c50 - b50) <= noise) { verdict = CellVerdict.Same; note = $"within the noise floor ({noise} {unit})"; }
            else if (bv.Count >= 3 && cv.Count >= 3)
            {
                var xs = new Pragmastat.Sample(cv.ToArray());
                var ys = new Pragmastat.Sample(bv.ToArray());
                var cmp = test.Perform(xs, ys, threshold, CompareOptions.Alpha);
                bool larger = c50 > b50;
                p = MannWhitneyTest.Instance.GetPValue(larger ? xs : ys, larger ? ys : xs, AlternativeHypothesis.Greater, threshold).Value;
                verdict = cmp switch
                {
                    ComparisonResult.Greater => higherIsBetter ? CellVerdict.Better : CellVerdict.Worse,
                    ComparisonResult.Lesser => higherIsBetter ? CellVerdict.Worse : CellVerdict.Better,
                    _ => CellVerdict.Same,
                };
                note = $"Mann-Whitney equivalence at ±{o.ThresholdPercent}%, α={CompareOptions.Alpha.Value}";
            }
            else
            {
                bool beyond = Math.Abs(ratio - 1) * 100 > o.ThresholdPercent;
                bool up = c50 > b50;
                verdict = !beyond ? CellVerdict.Same : (up == higherIsBetter ? CellVerdict.Better : CellVerdict.Worse);
                note = $"n < 3: p50 ratio against ±{o.ThresholdPercent}% only";
            }
            rows.Add(new CompareRow(tier, workload, metric, unit, bv.Count, cv.Count, b50, c50, ratio, p, verdict, note));
        }

        var conf = new List<ConformanceChange>();
        foreach (var b in baseline.Conformance)
        {
            var c = current.Conformance.FirstOrDefault(x => x.Tier == b.Tier && x.Check == b.Check);
            if (c is null || c.Outcome == b.Outcome) continue;
            conf.Add(new ConformanceChange(b.Tier, b.Check, b.Outcome, c.Outcome, c.Outcome == "exposed" && b.Outcome is "blocked" or "virtualized"));
        }
        return new CompareResult(rows, conf, envNotes);
    }

    public static string ToMarkdown(CompareResult r, string baselineDir, string currentDir)
    {
        var doc = new ReportDocument().H(1, "Regression compare")
            .P($"baseline {baselineDir} → current {currentDir}: {(r.Regressed ? "REGRESSED" : "no regression")}");
        foreach (var n in r.EnvironmentNotes) doc.P("environment: " + n);
        doc.Table(["tier", "workload", "metric", "baseline p50", "current p50", "ratio", "p", "n (b/c)", "verdict", "note"],
            r.Rows.Select(x => (IReadOnlyList<string>)[x.Tier, x.Workload, x.Metric, $"{x.BaselineP50:0.###} {x.Unit}", $"{x.CurrentP50:0.###} {x.Unit}",
                double.IsNaN(x.Ratio) ? "-" : $"{x.Ratio:0.###}", x.PValue is { } p ? $"{p:0.####}" : "-", $"{x.BaselineN}/{x.CurrentN}", x.Verdict.ToString(), x.Note]));
        if (r.Conformance.Count > 0)
            doc.H(2, "Conformance changes").Table(["tier", "check", "baseline", "current", "less safe"],
                r.Conformance.Select(c => (IReadOnlyList<string>)[c.Tier, c.Check, c.Baseline, c.Current, c.LessSafe ? "YES" : "no"]));
        return doc.ToMarkdown();
    }
}
