using Harness.Core;
using Harness.Tiers;

namespace Harness.Tests.Workloads;

/// <summary>Each workload run natively with small parameters: it prints ready first, its result parses, bad input exits 2.</summary>
[Collection("workload-binary")]
public class WorkloadTests(WorkloadBinaryFixture fx)
{
    private async Task<(ExecResult Exec, WorkloadReport? Report)> Run(params string[] args)
    {
        var r = await Exec.RunAsync(fx.Binary.Path, args, TimeSpan.FromSeconds(60));
        return (r, WorkloadReport.FromStdout(r.Stdout.Split('\n'), out _));
    }

    [Theory]
    [InlineData("true", "")]
    [InlineData("getpid", "getpid_ns_per_op", "--iterations", "20000")]
    [InlineData("fileloop", "file_cycle_ns_per_op", "--iterations", "2000")]
    [InlineData("mixedfs", "fs_ops_per_s", "--files", "50")]
    [InlineData("memory", "triad_gb_per_s", "--mib", "4", "--passes", "1", "--fault-mib", "4")]
    [InlineData("toolcall", "toolcall_work_ms")]
    [InlineData("codeexec", "codeexec_iterations_per_s", "--seconds", "1")]
    public async Task I_can_run_each_workload_natively_and_parse_its_result(string workload, string metric, params string[] args)
    {
        var (exec, report) = await Run([workload, .. args]);
        Assert.Equal(0, exec.ExitCode);
        Assert.StartsWith($"SBW-READY {workload}", exec.Stdout);
        Assert.NotNull(report);
        Assert.Equal(workload, report.Workload);
        if (metric != "") Assert.True(report.Metric(metric) > 0, $"{metric} should be positive");
        Assert.True(report.MaxRssKb > 0);
    }

    [Fact]
    public async Task I_can_measure_a_getpid_cost_in_a_sane_band()
    {
        var (_, report) = await Run("getpid", "--iterations", "200000");
        // A real measurement: a syscall round trip costs more than 10 ns and (outside emulation) far less than 100 µs.
        Assert.InRange(report!.Metric("getpid_ns_per_op")!.Value, 10, 100_000);
    }

    [Theory]
    [InlineData("getpid", "--iterations", "-5")]
    [InlineData("getpid", "--bogus", "1")]
    [InlineData("memory", "--mib", "lots")]
    [InlineData("toolcall", "--request", "{not json")]
    [InlineData("nosuchworkload")]
    public async Task I_get_exit_code_2_and_a_message_for_bad_parameters(params string[] args)
    {
        var (exec, _) = await Run(args);
        Assert.Equal(2, exec.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(exec.Stderr));
        Assert.DoesNotContain("SBW-READY", exec.Stdout);
    }

    [Fact]
    public async Task I_can_make_a_workload_fail_on_purpose_for_fault_tests()
    {
        var (exec, _) = await Run("fault", "--mode", "exit", "--code", "7");
        Assert.Equal(7, exec.ExitCode);
    }
}
