using Harness.Core;
using Harness.Tiers;

namespace Harness.Tests.Fakes;

/// <summary>FAKE tier for the density ramp's own logic: instances are objects, not sandboxes.</summary>
public sealed class FakeTier(Func<int, double> startMs, int failAt = int.MaxValue) : ITier
{
    public string Id => "fake-tier";
    public TierClass Class => TierClass.Standard;
    public List<FakeInstance> Started { get; } = [];

    public Task<TierStatus> DetectAsync(CancellationToken ct) => Task.FromResult(new TierStatus(Id, true, "fake", null, null, "fake"));
    public Task<SandboxRun> RunAsync(SandboxRequest request, CancellationToken ct) => throw new NotSupportedException();

    public Task<IRunningSandbox> StartAsync(SandboxRequest request, CancellationToken ct)
    {
        int n = Started.Count + 1;
        if (n >= failAt) throw new HarnessException($"fake start failure at {n}");
        var i = new FakeInstance(request.InstanceId, startMs(n));
        Started.Add(i);
        return Task.FromResult<IRunningSandbox>(i);
    }

    public sealed class FakeInstance(string id, double readyMs) : IRunningSandbox
    {
        public bool Disposed { get; private set; }
        public string InstanceId => id;
        public double ReadyMs => readyMs;
        public IReadOnlyList<int> HostProcessIds() => [];
        public string? MemoryCgroup => null;
        public bool IsAlive => !Disposed;
        public ValueTask DisposeAsync() { Disposed = true; return ValueTask.CompletedTask; }
    }
}

/// <summary>FAKE host memory: each started instance costs a fixed number of bytes.</summary>
public sealed class FakeHostMemory(FakeTier tier, long totalAvailable, long perInstance) : Harness.Measurements.IHostMemory
{
    public long MemAvailableBytes() => totalAvailable - perInstance * tier.Started.Count(i => !i.Disposed);
    public void DropCaches() { }
    public long PssBytes(IReadOnlyList<int> pids) => perInstance * tier.Started.Count(i => !i.Disposed);
    public long? CgroupUsageBytes(string? cgroupDir) => null;
}
