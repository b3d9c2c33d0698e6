using Harness.Core;
using Harness.Tiers;

namespace Harness.Conformance.Tests;

/// <summary>Each tier really starts its runtime, runs the workload, reports faults, and leaves nothing behind.</summary>
[Collection("tiers")]
public class TierSmokeTests(TierFixture fx)
{
    private static TimeSpan Timeout(string tier, double containerSeconds) =>
        TimeSpan.FromSeconds(tier == "qemu-microvm" ? containerSeconds + 60 : containerSeconds); // TCG boots take seconds

    [SkippableTheory]
    [MemberData(nameof(TierFixture.CoreTiers), MemberType = typeof(TierFixture))]
    public async Task I_can_run_a_trivial_workload_in_each_tier(string id)
    {
        var tier = fx.Require(id);
        var req = new SandboxRequest(["true"], Timeout(id, 60));
        var run = await tier.RunAsync(req, default);
        Assert.True(run.Succeeded, $"{run.Outcome} exit={run.ExitCode} stderr={run.StderrTail}");
        Assert.Equal("true", run.Report!.Workload);
        Assert.True(run.ReadyMs > 0 && run.ReadyMs <= run.ExitMs);
        Assert.Empty(fx.LeftoversOf(req.InstanceId));
    }

    [SkippableTheory]
    [MemberData(nameof(TierFixture.CoreTiers), MemberType = typeof(TierFixture))]
    public async Task I_can_kill_a_hung_workload_at_its_timeout_and_leave_nothing_behind(string id)
    {
        var tier = fx.Require(id);
        // Containers: 3 s is long past start-up. The VM gets enough to boot, then hangs in the workload.
        var req = new SandboxRequest(["fault", "--mode", "hang"], Timeout(id, 3) - (id == "qemu-microvm" ? TimeSpan.FromSeconds(40) : TimeSpan.Zero));
        var run = await tier.RunAsync(req, default);
        Assert.Equal(RunOutcome.TimedOut, run.Outcome);
        Assert.NotNull(run.ReadyMs); // it was running, not failing to start
        await Task.Delay(300);
        Assert.Empty(fx.LeftoversOf(req.InstanceId));
    }

    [SkippableTheory]
    [MemberData(nameof(TierFixture.CoreTiers), MemberType = typeof(TierFixture))]
    public async Task I_can_see_a_workloads_non_zero_exit_code_through_each_tier(string id)
    {
        var tier = fx.Require(id);
        var req = new SandboxRequest(["fault", "--mode", "exit", "--code", "3"], Timeout(id, 60));
        var run = await tier.RunAsync(req, default);
        Assert.Equal(RunOutcome.NonZeroExit, run.Outcome);
        Assert.Equal(3, run.ExitCode);
        Assert.Empty(fx.LeftoversOf(req.InstanceId));
    }

    [SkippableTheory]
    [MemberData(nameof(TierFixture.CoreTiers), MemberType = typeof(TierFixture))]
    public async Task I_can_start_an_idle_instance_measure_its_memory_and_stop_it(string id)
    {
        var tier = fx.Require(id);
        var req = new SandboxRequest(["idle"], Timeout(id, 60));
        long pss;
        await using (var inst = await tier.StartAsync(req, default))
        {
            Assert.True(inst.IsAlive);
            var pids = inst.HostProcessIds();
            Assert.NotEmpty(pids);
            pss = HostProcesses.PssBytes(pids);
            Assert.True(pss > 0, "an idle instance uses some memory");
        }
        await Task.Delay(300);
        Assert.Empty(fx.LeftoversOf(req.InstanceId));
    }
}
