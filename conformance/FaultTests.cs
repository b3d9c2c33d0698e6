using Harness.Core;
using Harness.Results;
using Harness.Tiers;

namespace Harness.Conformance.Tests;

/// <summary>Faults provoked on purpose: the harness keeps its results, says what went wrong, and leaves nothing behind.</summary>
[Collection("tiers")]
public class FaultTests(TierFixture fx) : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("sbh-fault-results-").FullName;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    public void Dispose() => Directory.Delete(_results, true);

    private string RunDir() => Directory.GetDirectories(_results).Single();

    /// <summary>A quick run of just the measurements (no conformance, report or cross-check), into this test's results dir
    /// or, with <paramref name="resume"/>, continuing that run folder.</summary>
    private HarnessCli StartRun(string tier, string workloads, string? resume = null) =>
        HarnessCli.Start("run", "--quick", "--tier", tier, "--workload", workloads, "--no-conformance", "--no-report", "--no-crosscheck",
            resume is null ? "--results" : "--resume", resume ?? _results);

    private static (int Procs, int Mounts, int Dirs, int Cgroups, int Containers) Footprint(HarnessPaths paths)
    {
        var l = new Sweeper(paths).Find();
        return (l.Processes.Count, l.Mounts.Count, l.Dirs.Count, l.Cgroups.Count, l.Containers.Count);
    }

    [SkippableFact]
    public async Task I_can_record_a_runtime_that_fails_to_start_with_its_stderr()
    {
        var tier = fx.Require("runc-standard");
        var req = new SandboxRequest(["true"], TimeSpan.FromSeconds(30)) { Weakening = new SandboxWeakening { BindMounts = [("/nonexistent/sbh-missing", "/x")] } };
        var run = await tier.RunAsync(req, default);
        Assert.False(run.Succeeded);
        Assert.Null(run.ReadyMs);
        Assert.Contains("no such file", run.StderrTail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(fx.LeftoversOf(req.InstanceId));
    }

    [SkippableFact]
    public async Task I_can_record_a_guest_whose_init_crashes()
    {
        var tier = fx.Require("qemu-microvm");
        var run = await tier.RunAsync(new SandboxRequest(["fault", "--mode", "crash"], TimeSpan.FromSeconds(120)), default);
        // PID 1 dies → kernel panic → reboot=t → QEMU exits; there is no exit line, so no exit code.
        Assert.Equal(RunOutcome.NonZeroExit, run.Outcome);
        Assert.Null(run.ExitCode);
        Assert.Contains(run.Stdout, l => l.Contains("Kernel panic", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task I_can_record_a_guest_that_never_prints_ready()
    {
        var tier = fx.Require("qemu-microvm");
        var run = await tier.RunAsync(new SandboxRequest(["fault", "--mode", "noready"], TimeSpan.FromSeconds(25)), default);
        Assert.Equal(RunOutcome.TimedOut, run.Outcome);
        Assert.Null(run.ReadyMs);
    }

    [SkippableFact]
    public async Task I_can_interrupt_a_run_with_sigterm_keep_its_rows_and_resume_it()
    {
        fx.Require("runc-standard");
        var before = Footprint(fx.Paths);
        using (var cli = StartRun("runc-standard", "coldstart,toolcall"))
        {
            await cli.WaitForOutputAsync("runc-standard toolcall", Long);
            cli.Signal(HarnessCli.SIGTERM);
            Assert.Equal(130, await cli.WaitAsync(Long));
        }
        var dir = RunDir();
        Assert.Equal("partial", RunManifest.Load(dir).Status);
        var rows = CsvFiles.Read<Sample>(Path.Combine(dir, "samples.csv"));
        Assert.Contains(rows, r => r.Workload == "coldstart" && r.Metric == "cold_start_ready_ms");
        Assert.Equal(before, Footprint(fx.Paths));

        using (var cli = StartRun("runc-standard", "coldstart,toolcall", resume: dir))
            Assert.Equal(0, await cli.WaitAsync(Long));
        Assert.Equal("complete", RunManifest.Load(dir).Status);
        var all = CsvFiles.Read<Sample>(Path.Combine(dir, "samples.csv")).Where(r => r.Metric == "cold_start_ready_ms" && r.Tier == "runc-standard").ToList();
        Assert.Equal(all.Count, all.Select(r => (r.Workload, r.Iteration)).Distinct().Count()); // no cell measured twice
        Assert.Equal(5 + 5, all.Count); // coldstart n=5, toolcall n=5 in the quick profile
    }

    [SkippableFact]
    public async Task I_can_interrupt_a_density_ramp_and_every_instance_is_stopped()
    {
        fx.Require("gvisor");
        var before = Footprint(fx.Paths);
        using var cli = StartRun("gvisor", "coldstart");
        await cli.WaitForOutputAsync("density: starting instance 3", Long);
        cli.Signal(HarnessCli.SIGINT);
        Assert.Equal(130, await cli.WaitAsync(Long));
        Assert.Equal(before, Footprint(fx.Paths));
        Assert.Equal("partial", RunManifest.Load(RunDir()).Status);
    }

    [SkippableFact]
    public async Task I_can_clean_up_after_a_sigkilled_run_with_doctor_clean()
    {
        fx.Require("runc-standard");
        var before = Footprint(fx.Paths);
        using (var cli = StartRun("runc-standard", "coldstart"))
        {
            await cli.WaitForOutputAsync("density: starting instance 4", Long);
            cli.Signal(HarnessCli.SIGKILL);
            await cli.WaitAsync(Long);
        }
        Assert.NotEqual(before, Footprint(fx.Paths)); // a SIGKILL leaves detached containers behind…
        using (var clean = HarnessCli.Start("doctor", "--clean"))
            Assert.Equal(0, await clean.WaitAsync(Long));
        Assert.Equal(before, Footprint(fx.Paths)); // …and doctor --clean removes exactly those
    }

    [SkippableFact]
    public async Task I_get_refused_while_another_run_holds_the_lock()
    {
        using var held = Harness.Images.FileLock.TryAcquire(fx.Paths.LockFile);
        Skip.If(held is null, "a harness run is in progress on this machine");
        using var cli = HarnessCli.Start("run", "--quick", "--tier", "runc-standard", "--results", _results);
        Assert.Equal(2, await cli.WaitAsync(Long));
        Assert.Contains("another harness run is in progress", cli.Output);
    }

    [Theory]
    [InlineData("run --tier nosuch", "unknown tier(s) nosuch")]
    [InlineData("run --workload nosuch", "unknown workload(s) nosuch")]
    [InlineData("run --quick --full", "choose one of")]
    [InlineData("run --tier runc-standard --results /proc/sbh-not-writable", "not writable")]
    [InlineData("report /nonexistent/run", "does not exist")]
    [InlineData("compare --baseline /tmp --current /tmp", "not a run folder")]
    [InlineData("compare --baseline /tmp --threshold lots", "--threshold must look like")]
    [InlineData("recommend --trust maybe", "--trust must be")]
    public async Task I_get_one_clear_line_and_exit_code_2_for_bad_input(string args, string expected)
    {
        using var cli = HarnessCli.Start(args.Split(' '));
        Assert.Equal(2, await cli.WaitAsync(Long));
        Assert.Contains(expected, cli.Output);
    }
}
