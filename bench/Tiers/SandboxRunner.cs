using System.Diagnostics;
using Harness.Core;

namespace Harness.Tiers;

/// <summary>The one place that times a sandbox: spawn → ready → exit → cleanup done, with the timeout and
/// cancellation handling every driver shares. Drivers supply the command and the cleanup.</summary>
public static class SandboxRunner
{
    public static async Task<SandboxRun> RunAsync(
        string tierId, SandboxRequest request, string path, IReadOnlyList<string> args,
        Func<Task> cleanup, CancellationToken ct,
        Func<IReadOnlyList<string>, int?>? exitCodeFromStdout = null,
        IReadOnlyList<Phase>? preparePhases = null)
    {
        var phases = new List<Phase>(preparePhases ?? []);
        var clock = new Stopwatch();
        SandboxProcess? proc = null;
        RunOutcome outcome;
        ProcessExit exit;
        bool cleaned = false;
        try
        {
            clock.Start();
            // Test-only known slowdown, inside the timed region so a regression check must see it.
            // Spin, not Task.Delay: a timer wait overshoots by milliseconds, and the test needs a known shift.
            while (clock.Elapsed < request.Weakening.InjectedDelay) Thread.SpinWait(64);
            try { proc = SandboxProcess.Start(path, args, clock); }
            catch (System.ComponentModel.Win32Exception e)
            {
                await cleanup(); cleaned = true;
                return new SandboxRun(tierId, request.InstanceId, RunOutcome.StartFailed, null, null, null, clock.Elapsed.TotalMilliseconds, 0, phases, null, [], e.Message);
            }
            var finished = await Task.WhenAny(proc.Exited, Task.Delay(request.Timeout, ct));
            if (finished == proc.Exited) outcome = RunOutcome.Ok;
            else
            {
                outcome = ct.IsCancellationRequested ? RunOutcome.Cancelled : RunOutcome.TimedOut;
                proc.Kill();
            }
            exit = await proc.Exited;
            await cleanup(); cleaned = true;
        }
        finally
        {
            // Whatever happened (exception, Ctrl-C), the sandbox is torn down before we return or rethrow.
            if (!cleaned) { proc?.Kill(); await cleanup(); }
        }

        double cleanupMs = clock.Elapsed.TotalMilliseconds;
        double? readyMs = proc.Ready.IsCompletedSuccessfully ? proc.Ready.Result.TotalMilliseconds : null;
        if (proc.FirstByte.IsCompletedSuccessfully) phases.Add(new Phase("first_output", proc.FirstByte.Result.TotalMilliseconds));
        var stdout = proc.StdoutLines();
        var stderr = Text.Sanitize(proc.StderrTail());
        int? code = outcome == RunOutcome.Ok ? (exitCodeFromStdout is null ? exit.ExitCode : exitCodeFromStdout(stdout)) : null;
        var report = WorkloadReport.FromStdout(stdout, out var parseError);
        if (outcome == RunOutcome.Ok)
        {
            if (readyMs is null) outcome = RunOutcome.NoReady;
            else if (code != 0) outcome = RunOutcome.NonZeroExit;
        }
        if (outcome == RunOutcome.Ok && report is null) stderr = $"{parseError}; {stderr}";
        return new SandboxRun(tierId, request.InstanceId, outcome, code, readyMs, exit.At.TotalMilliseconds, cleanupMs,
            proc.ChildCpuMs(), phases, report, stdout, stderr);
    }
}
