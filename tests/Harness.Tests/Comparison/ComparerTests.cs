using Harness.Comparison;
using Harness.Tests.Fakes;

namespace Harness.Tests.Comparison;

/// <summary>The regression compare on SYNTHETIC sample sets (seeded normal draws), not on measurements.</summary>
public class ComparerTests
{
    private const string M = "cold_start_ready_ms";

    [Fact]
    public void I_can_detect_a_20_percent_slowdown_at_n_30()
    {
        var b = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(30, 40, 3, 1))]);
        var c = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(30, 48, 3, 2))]);
        var r = Comparer.Compare(b, c, new CompareOptions(10));
        Assert.Equal(CellVerdict.Worse, r.Rows.Single().Verdict);
        Assert.True(r.Regressed);
        Assert.True(r.Rows.Single().PValue < 0.01);
    }

    [Fact]
    public void I_can_call_two_draws_from_one_distribution_the_same()
    {
        var b = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(30, 40, 3, 3))]);
        var c = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(30, 40, 3, 4))]);
        var r = Comparer.Compare(b, c, new CompareOptions(10));
        Assert.Equal(CellVerdict.Same, r.Rows.Single().Verdict);
        Assert.False(r.Regressed);
    }

    [Fact]
    public void I_can_see_a_speed_up_as_better_not_as_a_regression()
    {
        var b = SyntheticRun.Create([("gvisor", M, SyntheticRun.Normal(30, 160, 5, 5))]);
        var c = SyntheticRun.Create([("gvisor", M, SyntheticRun.Normal(30, 120, 5, 6))]);
        var r = Comparer.Compare(b, c, new CompareOptions(10));
        Assert.Equal(CellVerdict.Better, r.Rows.Single().Verdict);
        Assert.False(r.Regressed);
    }

    [Fact]
    public void I_can_treat_lower_density_as_worse()
    {
        var b = SyntheticRun.Create([("gvisor", "density_instances", [100.0])]);
        var c = SyntheticRun.Create([("gvisor", "density_instances", [60.0])]);
        Assert.Equal(CellVerdict.Worse, Comparer.Compare(b, c, new CompareOptions(10)).Rows.Single().Verdict);
    }

    [Fact]
    public void I_can_fail_when_a_check_moves_from_blocked_to_exposed()
    {
        var cells = new[] { ("runc-hardened", M, SyntheticRun.Normal(10, 40, 1, 7)) };
        var b = SyntheticRun.Create(cells, [SyntheticRun.Check("runc-hardened", "mount.tmpfs", "blocked")]);
        var c = SyntheticRun.Create(cells, [SyntheticRun.Check("runc-hardened", "mount.tmpfs", "exposed")]);
        var r = Comparer.Compare(b, c, new CompareOptions(10));
        Assert.True(r.Conformance.Single().LessSafe);
        Assert.True(r.Regressed);
    }

    [Fact]
    public void I_can_report_a_missing_cell_without_comparing_it()
    {
        var b = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(10, 40, 1, 8)), ("gvisor", M, SyntheticRun.Normal(10, 160, 1, 9))]);
        var c = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(10, 40, 1, 10))]);
        var r = Comparer.Compare(b, c, new CompareOptions(10));
        Assert.Equal(CellVerdict.Missing, r.Rows.Single(x => x.Tier == "gvisor").Verdict);
        Assert.Contains("gvisor", Comparer.ToMarkdown(r, "b", "c"));
    }

    [Fact]
    public void I_can_see_an_accelerator_change_reported_instead_of_compared()
    {
        var b = SyntheticRun.Create([("qemu-microvm", M, SyntheticRun.Normal(10, 4800, 50, 11))], accel: "tcg");
        var c = SyntheticRun.Create([("qemu-microvm", M, SyntheticRun.Normal(10, 300, 10, 12))], accel: "kvm");
        var r = Comparer.Compare(b, c, new CompareOptions(10));
        Assert.Equal(CellVerdict.EnvironmentChanged, r.Rows.Single().Verdict);
        Assert.Contains(r.EnvironmentNotes, n => n.Contains("tcg → kvm"));
    }

    [Fact]
    public void I_can_ignore_a_shift_below_the_noise_floor()
    {
        var b = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(30, 4.0, 0.01, 13))]);
        var c = SyntheticRun.Create([("runc-standard", M, SyntheticRun.Normal(30, 4.6, 0.01, 14))]); // +15 % but 0.6 ms < 1 ms floor
        Assert.Equal(CellVerdict.Same, Comparer.Compare(b, c, new CompareOptions(10, NoiseMs: 1)).Rows.Single().Verdict);
    }
}
