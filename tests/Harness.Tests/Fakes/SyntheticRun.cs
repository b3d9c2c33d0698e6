using Harness.Conformance;
using Harness.Core;
using Harness.Reporting;
using Harness.Results;
using Harness.Tiers;

namespace Harness.Tests.Fakes;

/// <summary>SYNTHETIC run data for the comparison logic: samples drawn from a seeded normal distribution. Not a measurement.</summary>
public static class SyntheticRun
{
    public static IEnumerable<double> Normal(int n, double mean, double sd, int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < n; i++)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            yield return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }

    public static RunData Create(IEnumerable<(string Tier, string Metric, IEnumerable<double> Values)> cells, IEnumerable<ConformanceRow>? conformance = null,
        string accel = "tcg")
    {
        var host = new HostFacts("synthetic", "6.1.0", "cpu", 2, 24L << 30, "v1-hybrid", "madvise", "off");
        var samples = cells.SelectMany(c => c.Values.Select((v, i) => new Sample("synthetic", DateTime.UtcNow, "synthetic", "6.1.0", c.Tier, "rt", "1.0",
            c.Tier == "qemu-microvm" ? accel : "native", c.Metric.StartsWith("mem_") || c.Metric == "density_instances" ? "idle" : "coldstart",
            c.Metric, c.Metric.EndsWith("_ms") ? "ms" : "x", v, i, "ok", "quick"))).ToList();
        var manifest = new RunManifest(RunManifest.CurrentFormat, "synthetic", "quick", DateTime.UtcNow, DateTime.UtcNow, "complete", host,
            [], ["coldstart"], ["SYNTHETIC data for tests"]);
        return new RunData("/synthetic", manifest, samples, Harness.Stats.Summary.Of(samples), (conformance ?? []).ToList(), []);
    }

    public static ConformanceRow Check(string tier, string check, string outcome) =>
        new(tier, check, "c", outcome, outcome, "pass", "synthetic", "synthetic");
}
