using Harness.Core;
using Harness.Tests.Fakes;
using Harness.Tiers;

namespace Harness.Tests.Tiers;

/// <summary>The timing and fault handling every driver shares, exercised with a FAKE runtime script.</summary>
public class SandboxRunnerTests
{
    private static Task<SandboxRun> Run(string mode, string arg = "", double timeoutS = 10, Func<Task>? cleanup = null) =>
        SandboxRunner.RunAsync("fake", new SandboxRequest(["x"], TimeSpan.FromSeconds(timeoutS)), FakeRuntime.Path, arg == "" ? [mode] : [mode, arg],
            cleanup ?? (() => Task.CompletedTask), default);

    [Fact]
    public async Task I_can_time_ready_exit_and_cleanup_in_order()
    {
        var r = await Run("ready-exit", "0");
        Assert.Equal(RunOutcome.Ok, r.Outcome);
        Assert.True(r.ReadyMs > 0 && r.ReadyMs <= r.ExitMs && r.ExitMs <= r.CleanupDoneMs);
        Assert.Equal(1, r.Report!.Metric("x"));
    }

    [Fact]
    public async Task I_can_record_a_non_zero_exit_with_its_stderr()
    {
        var r = await Run("ready-exit", "3");
        Assert.Equal(RunOutcome.NonZeroExit, r.Outcome);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("fake stderr line", r.StderrTail);
    }

    [Fact]
    public async Task I_can_kill_a_hung_process_at_its_timeout_and_still_clean_up()
    {
        bool cleaned = false;
        var r = await Run("hang", timeoutS: 1, cleanup: () => { cleaned = true; return Task.CompletedTask; });
        Assert.Equal(RunOutcome.TimedOut, r.Outcome);
        Assert.True(cleaned);
        await Task.Delay(200);
        Assert.DoesNotContain(HostProcesses.Snapshot(), p => p.CommandLine.Contains("sleep 600") && p.CommandLine.Contains("fake"));
    }

    [Fact]
    public async Task I_can_tell_a_run_that_never_printed_ready()
    {
        var r = await Run("noready");
        Assert.Equal(RunOutcome.NoReady, r.Outcome);
        Assert.Null(r.ReadyMs);
    }

    [Fact]
    public async Task I_can_bound_a_flood_of_output()
    {
        var r = await Run("spam", (20 << 20).ToString());
        Assert.True(r.Stdout.Sum(l => l.Length) <= 8 << 20);
    }

    [Fact]
    public async Task I_can_reject_a_hostile_result_line_without_crashing()
    {
        var r = await Run("hostile");
        Assert.Null(r.Report); // 1e400 is not a finite number
        Assert.False(r.Succeeded);
    }

    [Fact]
    public async Task I_can_report_a_runtime_that_does_not_exist()
    {
        var r = await SandboxRunner.RunAsync("fake", new SandboxRequest(["x"], TimeSpan.FromSeconds(1)), "/nonexistent/runtime", [], () => Task.CompletedTask, default);
        Assert.Equal(RunOutcome.StartFailed, r.Outcome);
    }
}
