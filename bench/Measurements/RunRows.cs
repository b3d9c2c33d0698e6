using Harness.Results;
using Harness.Tiers;

namespace Harness.Measurements;

/// <summary>Turns one sandbox run into sample rows: host-clock timings, runtime phases, and the workload's own figures.</summary>
public static class RunRows
{
    public const string ColdStart = "cold_start_ready_ms";
    public const string Exit = "exit_ms";
    public const string CleanupDone = "cleanup_done_ms";
    public const string Failed = "run_failed";

    public static IEnumerable<Sample> From(RowContext ctx, string workload, SandboxRun run, int iteration)
    {
        if (!run.Succeeded)
        {
            var lastOut = string.Join(" | ", run.Stdout.TakeLast(3));
            var note = $"{run.Outcome}{(run.ExitCode is { } c ? $" exit {c}" : "")}: stderr: {Core.Text.Sanitize(run.StderrTail, 500)} stdout tail: {Core.Text.Sanitize(lastOut, 300)}";
            yield return ctx.Row(workload, Failed, "count", 1, iteration, run.Outcome.ToString().ToLowerInvariant(), note);
            if (run.ExitMs is { } em) yield return ctx.Row(workload, Exit, "ms", em, iteration, run.Outcome.ToString().ToLowerInvariant());
            yield break;
        }
        yield return ctx.Row(workload, ColdStart, "ms", run.ReadyMs!.Value, iteration);
        yield return ctx.Row(workload, Exit, "ms", run.ExitMs!.Value, iteration);
        yield return ctx.Row(workload, CleanupDone, "ms", run.CleanupDoneMs, iteration);
        yield return ctx.Row(workload, "host_cpu_ms", "ms", run.HostCpuMs, iteration);
        foreach (var p in run.Phases) yield return ctx.Row(workload, $"phase_{p.Name}_ms", "ms", p.Ms, iteration);
        var r = run.Report!;
        yield return ctx.Row(workload, "workload_cpu_ms", "ms", r.CpuUserMs + r.CpuSysMs, iteration);
        yield return ctx.Row(workload, "workload_max_rss_kb", "KiB", r.MaxRssKb, iteration);
        foreach (var m in r.Metrics)
            yield return ctx.Row(workload, m.Index is { } i ? $"{m.Name}[{i}]" : m.Name, m.Unit, m.Value, iteration);
    }
}
