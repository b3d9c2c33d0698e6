using System.Diagnostics;
using System.Text.Json;
using Harness.Core;
using Harness.Results;
using Harness.Tiers;

namespace Harness.Measurements;

public sealed record CrossCheck(string Tier, IReadOnlyList<double> HarnessMs, double HyperfineMeanMs, double HyperfineStdDevMs)
{
    public double HarnessMeanMs => HarnessMs.Average();
    public double Ratio => HarnessMeanMs / HyperfineMeanMs;
}

/// <summary>Times the same container start command (same bundle, same id) with the harness's clock and with
/// hyperfine, back to back, and reports harness/hyperfine: the harness's timer must agree with an outside one.</summary>
public static class IndependentCheck
{
    public static async Task<CrossCheck?> RunAsync(OciTier tier, int runs, Action<string> log, CancellationToken ct)
    {
        var hyperfine = Exec.Which("hyperfine");
        if (hyperfine is null) { log("independent check skipped: hyperfine not installed"); return null; }
        var req = new SandboxRequest(["true"], TimeSpan.FromSeconds(60)) { InstanceId = SandboxRequest.NewInstanceId() };
        var (path, args, _, teardown) = await tier.CommandLineAsync(req, ct);
        try
        {
            var harness = new List<double>();
            for (int i = 0; i < runs + 1; i++)
            {
                var sw = Stopwatch.StartNew();
                await using var p = SandboxProcess.Start(path, args, sw);
                var exit = await p.Exited.WaitAsync(TimeSpan.FromSeconds(60), ct);
                if (exit.ExitCode != 0) throw new HarnessException($"{tier.Id}: crosscheck start failed: {p.StderrTail()}");
                if (i > 0) harness.Add(exit.At.TotalMilliseconds); // first is a warm-up, as hyperfine's --warmup 1
            }
            var json = Path.Combine(Path.GetTempPath(), $"sbh-hyperfine-{req.InstanceId}.json");
            try
            {
                var cmd = string.Join(' ', args.Prepend(path));
                var r = await Exec.CheckedAsync(hyperfine, ["-N", "--warmup", "1", "--runs", runs.ToString(), "--export-json", json, cmd], TimeSpan.FromMinutes(10), ct);
                using var doc = JsonDocument.Parse(File.ReadAllText(json));
                var res = doc.RootElement.GetProperty("results")[0];
                return new CrossCheck(tier.Id, harness, res.GetProperty("mean").GetDouble() * 1000, res.GetProperty("stddev").GetDouble() * 1000);
            }
            finally { File.Delete(json); }
        }
        finally { await teardown(); }
    }

    public static IEnumerable<Sample> Rows(RowContext ctx, CrossCheck c)
    {
        for (int i = 0; i < c.HarnessMs.Count; i++) yield return ctx.Row("crosscheck", "harness_exit_ms", "ms", c.HarnessMs[i], i);
        yield return ctx.Row("crosscheck", "hyperfine_mean_ms", "ms", c.HyperfineMeanMs, 0, note: $"stddev {c.HyperfineStdDevMs:0.##} ms");
        yield return ctx.Row("crosscheck", "harness_over_hyperfine", "x", c.Ratio, 0, note: "mean spawn→exit, same command line; should be within ±5%");
    }
}
