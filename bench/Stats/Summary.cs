using Harness.Results;

namespace Harness.Stats;

/// <summary>One row of summary.csv: a (tier, workload, metric) cell's distribution, derived from the samples.</summary>
public sealed record SummaryRow(
    string Tier, string PlatformOrAccel, string RuntimeVersion, string Workload, string Metric, string Unit,
    int N, double P50, double P95, double P99, double Min, double Max, double Mean, string Note = "");

public static class Summary
{
    /// <summary>Metrics whose tier/host ratio is reported, and whether larger is better (throughput) or worse (time).</summary>
    public static readonly IReadOnlyDictionary<string, bool> RatioMetrics = new Dictionary<string, bool>
    {
        ["getpid_ns_per_op"] = false,
        ["file_cycle_ns_per_op"] = false,
        ["fs_pass_ms"] = false,
        ["copy_gb_per_s"] = true,
        ["triad_gb_per_s"] = true,
        ["page_faults_per_s"] = true,
        ["codeexec_steady_iterations_per_s"] = true,
        ["toolcall_work_ms"] = false,
    };

    public static IReadOnlyList<SummaryRow> Of(IEnumerable<Sample> samples)
    {
        var rows = samples.Where(s => s.Outcome == "ok" && double.IsFinite(s.Value))
            .GroupBy(s => (s.Tier, s.Workload, s.Metric))
            .Select(g =>
            {
                var v = g.Select(s => s.Value).ToList();
                var first = g.First();
                return new SummaryRow(first.Tier, first.PlatformOrAccel, first.RuntimeVersion, first.Workload, first.Metric, first.Unit, v.Count,
                    Percentiles.Of(v, 50), Percentiles.Of(v, 95), Percentiles.Of(v, 99), v.Min(), v.Max(), v.Average(), first.Note);
            })
            .OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.Tier, StringComparer.Ordinal)
            .ToList();
        return [.. rows, .. Ratios(rows)];
    }

    /// <summary>p50 in a tier divided by p50 of the same binary on the host in the same run ("x slower" when above 1).</summary>
    public static IEnumerable<SummaryRow> Ratios(IReadOnlyList<SummaryRow> rows)
    {
        foreach (var r in rows.Where(r => RatioMetrics.ContainsKey(r.Metric) && r.Tier != Tiers.HostNativeTier.TierId))
        {
            var host = rows.FirstOrDefault(h => h.Tier == Tiers.HostNativeTier.TierId && h.Workload == r.Workload && h.Metric == r.Metric);
            if (host is null || host.P50 == 0 || r.P50 == 0) continue;
            double slowdown = RatioMetrics[r.Metric] ? host.P50 / r.P50 : r.P50 / host.P50;
            yield return r with { Metric = r.Metric + "_slowdown_vs_host", Unit = "x", P50 = slowdown, P95 = double.NaN, P99 = double.NaN, Min = double.NaN, Max = double.NaN, Mean = double.NaN, Note = "p50 ratio; >1 = slower than host" };
        }
    }
}
