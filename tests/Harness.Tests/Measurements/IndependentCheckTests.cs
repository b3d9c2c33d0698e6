using Harness.Core;
using Harness.Measurements;

namespace Harness.Tests.Measurements;

public class IndependentCheckTests
{
    [Theory]
    [InlineData(30, 6, new[] { 5, 5, 5, 5, 5, 5 })]
    [InlineData(10, 6, new[] { 2, 2, 2, 2, 1, 1 })]
    [InlineData(4, 6, new[] { 1, 1, 1, 1 })]
    public void I_can_split_runs_into_blocks_that_add_up(int runs, int blocks, int[] expected) =>
        Assert.Equal(expected, IndependentCheck.BlockSizes(runs, blocks));

    [Fact]
    public void I_can_read_per_run_times_from_hyperfine_json()
    {
        const string json = """{"results":[{"command":"x","mean":0.041,"times":[0.040,0.0425,0.039],"exit_codes":[0,0,0]}]}""";
        Assert.Equal([40.0, 42.5, 39.0], IndependentCheck.ParseHyperfineTimes(json).Select(t => Math.Round(t, 6)));
    }

    [Theory]
    [InlineData("""{"results":[]}""")]
    [InlineData("""{"results":[{"mean":0.04}]}""")]
    [InlineData("""{"results":[{"times":[]}]}""")]
    [InlineData("""{"results":[{"times":[-1]}]}""")]
    [InlineData("not json")]
    public void I_get_a_clear_error_for_hyperfine_json_of_another_shape(string json)
    {
        var e = Assert.Throws<HarnessException>(() => IndependentCheck.ParseHyperfineTimes(json));
        Assert.Contains("hyperfine", e.Message);
    }

    [Fact]
    public void I_can_tell_agreeing_timers_from_a_biased_one()
    {
        var rng = new Random(1);
        var outside = Enumerable.Range(0, 200).Select(_ => 40 + rng.NextDouble() * 8).ToList();
        var same = outside.Select(t => t + (rng.NextDouble() - 0.5) * 0.5).ToList();
        var slow = outside.Select(t => t * 1.10).ToList();

        var agree = new CrossCheck("t", same, outside);
        Assert.True(agree.Agrees);
        Assert.InRange(1.0, agree.RatioCi95.Lo, agree.RatioCi95.Hi);

        var biased = new CrossCheck("t", slow, outside);
        Assert.False(biased.Agrees);
        Assert.InRange(biased.Ratio, 1.09, 1.11);
        Assert.True(biased.RatioCi95.Lo > 1.0, $"CI {biased.RatioCi95}");
    }
}
