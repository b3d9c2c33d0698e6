using Harness.Results;
using Harness.Stats;
using Harness.Tiers;

namespace Harness.Tests.Measurements;

public class StatisticsTests
{
    [Fact]
    public void I_can_compute_interpolated_percentiles()
    {
        var v = Enumerable.Range(1, 100).Select(i => (double)i).ToList();
        Assert.Equal(50.5, Percentiles.Of(v, 50), 6);
        Assert.Equal(95.05, Percentiles.Of(v, 95), 6);
        Assert.Equal(1, Percentiles.Of(v, 0));
        Assert.Equal(100, Percentiles.Of(v, 100));
        Assert.Equal(7, Percentiles.Of([7.0], 99));
    }

    [Fact]
    public void I_cannot_take_a_percentile_of_nothing() =>
        Assert.Throws<ArgumentException>(() => Percentiles.Of(Array.Empty<double>(), 50));

    private static Sample S(string tier, string metric, double v, string outcome = "ok") =>
        new("r", DateTime.UtcNow, "h", "k", tier, "rt", "1", "p", "getpid", metric, "ns", v, 0, outcome, "quick");

    [Fact]
    public void I_can_derive_slowdown_ratios_against_the_host_baseline()
    {
        var samples = new[]
        {
            S(HostNativeTier.TierId, "getpid_ns_per_op", 200), S(HostNativeTier.TierId, "getpid_ns_per_op", 220),
            S("gvisor", "getpid_ns_per_op", 21000), S("gvisor", "getpid_ns_per_op", 21000),
            S(HostNativeTier.TierId, "copy_gb_per_s", 20), S("gvisor", "copy_gb_per_s", 10),
            S("gvisor", "getpid_ns_per_op", 1, "timedout"), // failed runs never enter the statistics
        };
        var rows = Summary.Of(samples);
        var getpid = rows.Single(r => r.Tier == "gvisor" && r.Metric == "getpid_ns_per_op_slowdown_vs_host");
        Assert.Equal(100, getpid.P50, 6); // 21000 / 210
        var copy = rows.Single(r => r.Tier == "gvisor" && r.Metric == "copy_gb_per_s_slowdown_vs_host");
        Assert.Equal(2, copy.P50, 6); // throughput: host / tier
        Assert.Equal(2, rows.Single(r => r.Tier == "gvisor" && r.Metric == "getpid_ns_per_op").N);
    }
}
