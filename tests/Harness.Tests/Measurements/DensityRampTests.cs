using Harness.Measurements;
using Harness.Tests.Fakes;

namespace Harness.Tests.Measurements;

/// <summary>The ramp's stop conditions, driven by a FAKE tier and FAKE memory (no sandbox runs here).</summary>
public class DensityRampTests
{
    private static readonly TimeSpan T = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task I_can_stop_the_ramp_at_the_max_count_and_stop_every_instance()
    {
        var tier = new FakeTier(_ => 10);
        var r = await new DensityRamp(tier, new DensityLimits(5, 0.8, 1000, T), new FakeHostMemory(tier, 1L << 30, 1 << 20)).RunAsync(default);
        Assert.Equal(DensityStop.MaxInstances, r.Stop);
        Assert.Equal(5, r.Reached);
        Assert.All(tier.Started, i => Assert.True(i.Disposed));
        Assert.Equal(5, r.Steps[^1].PssTotalBytes >> 20);
    }

    [Fact]
    public async Task I_can_stop_the_ramp_at_the_memory_budget()
    {
        var tier = new FakeTier(_ => 10);
        // 100 MiB available, 80% budget, 30 MiB per instance: the third instance crosses 80 MiB.
        var r = await new DensityRamp(tier, new DensityLimits(50, 0.8, 1000, T), new FakeHostMemory(tier, 100L << 20, 30L << 20)).RunAsync(default);
        Assert.Equal(DensityStop.MemoryBudget, r.Stop);
        Assert.Equal(3, r.Reached);
        Assert.All(tier.Started, i => Assert.True(i.Disposed));
    }

    [Fact]
    public async Task I_can_stop_the_ramp_when_p95_start_latency_exceeds_its_budget()
    {
        var tier = new FakeTier(n => n < 4 ? 10 : 5000);
        var r = await new DensityRamp(tier, new DensityLimits(50, 0.8, 1000, T), new FakeHostMemory(tier, 1L << 30, 1)).RunAsync(default);
        Assert.Equal(DensityStop.StartLatencyBudget, r.Stop);
        Assert.Equal(4, r.Reached);
    }

    [Fact]
    public async Task I_can_stop_the_ramp_at_a_start_failure_and_still_clean_up()
    {
        var tier = new FakeTier(_ => 10, failAt: 3);
        var r = await new DensityRamp(tier, new DensityLimits(50, 0.8, 1000, T), new FakeHostMemory(tier, 1L << 30, 1)).RunAsync(default);
        Assert.Equal(DensityStop.Failure, r.Stop);
        Assert.Equal(2, r.Reached);
        Assert.Contains("fake start failure at 3", r.StopDetail);
        Assert.All(tier.Started, i => Assert.True(i.Disposed));
    }

    [Fact]
    public async Task I_can_cancel_the_ramp_and_no_instance_survives()
    {
        var tier = new FakeTier(_ => 10);
        using var cts = new CancellationTokenSource();
        var mem = new CancellingMemory(new FakeHostMemory(tier, 1L << 30, 1), cts, after: 3);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DensityRamp(tier, new DensityLimits(50, 0.8, 1000, T), mem).RunAsync(cts.Token));
        Assert.NotEmpty(tier.Started);
        Assert.All(tier.Started, i => Assert.True(i.Disposed));
    }

    private sealed class CancellingMemory(IHostMemory inner, CancellationTokenSource cts, int after) : IHostMemory
    {
        private int _calls;
        public long MemAvailableBytes() { if (++_calls > after) cts.Cancel(); return inner.MemAvailableBytes(); }
        public void DropCaches() { }
        public long PssBytes(IReadOnlyList<int> pids) => inner.PssBytes(pids);
        public long? CgroupUsageBytes(string? d) => null;
    }
}
