using Harness.Conformance;
using Harness.Tiers;

namespace Harness.Conformance.Tests;

/// <summary>Runs the probe once per tier per test run (a VM boot per check would be far too slow) against a sink
/// in a namespace the fixture creates, and shares the reports with every check of that tier.</summary>
public sealed class ProbeFixture : IAsyncLifetime
{
    public TierFixture Tiers { get; } = new();
    public Expectations Expectations { get; }
    public NetworkSink? Sink { get; private set; }
    private readonly Dictionary<string, Task<ProbeRun>> _runs = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ProbeFixture() => Expectations = Expectations.Load(Tiers.Paths);

    public async Task InitializeAsync()
    {
        var images = await Tiers.Context.ImagesAsync(default);
        Sink = await NetworkSink.StartAsync(images.Workload.Path, TimeSpan.FromMinutes(10), default);
    }

    public async Task DisposeAsync()
    {
        if (Sink is not null) await Sink.DisposeAsync();
    }

    public static TimeSpan TimeoutFor(ITier t) => TimeSpan.FromSeconds(t.Class == TierClass.MicroVm ? 180 : 60);

    public async Task<ProbeRun> ProbeAsync(string tierId)
    {
        var tier = Tiers.Require(tierId);
        await _gate.WaitAsync();
        try
        {
            if (!_runs.TryGetValue(tierId, out var run))
                _runs[tierId] = run = ConformanceRunner.ProbeAsync(tier, TimeoutFor(tier), default, sink: Sink!.Endpoint);
            return await run;
        }
        finally { _gate.Release(); }
    }

    public static TheoryData<string, string> Cases()
    {
        var paths = Harness.Core.HarnessPaths.Default();
        var data = new TheoryData<string, string>();
        var e = Expectations.Load(paths);
        foreach (var tier in TierRegistry.Core)
            foreach (var check in e.For(tier).Keys) data.Add(tier, check);
        return data;
    }
}

[CollectionDefinition("probe")]
public sealed class ProbeCollection : ICollectionFixture<ProbeFixture>;
