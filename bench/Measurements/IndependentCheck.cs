using System.Diagnostics;
using System.Text.Json;
using Harness.Core;
using Harness.Results;
using Harness.Stats;
using Harness.Tiers;

namespace Harness.Measurements;

/// <summary>Spawn→exit of one command line as timed by the harness and by hyperfine, sample by sample.</summary>
public sealed record CrossCheck(string Tier, IReadOnlyList<double> HarnessMs, IReadOnlyList<double> HyperfineMs)
{
    /// <summary>The agreement the issue asks for: the two timers' medians within ±5 %.</summary>
    public const double Tolerance = 0.05;

    public double HarnessMedianMs => Percentiles.Of(HarnessMs, 50);
    public double HyperfineMedianMs => Percentiles.Of(HyperfineMs, 50);
    public double HarnessMeanMs => HarnessMs.Average();
    public double HyperfineMeanMs => HyperfineMs.Average();
    /// <summary>Medians, not means: one descheduled run on a 2-core host moves a 10-run mean by several percent.</summary>
    public double Ratio => HarnessMedianMs / HyperfineMedianMs;
    public double MeanRatio => HarnessMeanMs / HyperfineMeanMs;
    public bool Agrees => Math.Abs(Ratio - 1) <= Tolerance;

    /// <summary>95 % percentile-bootstrap interval of <see cref="Ratio"/> (fixed seed: the same samples give the same
    /// interval). It says whether n was large enough for the ±5 % verdict to mean anything on this host's noise.</summary>
    public (double Lo, double Hi) RatioCi95 { get; } = Bootstrap(HarnessMs, HyperfineMs);

    private static (double, double) Bootstrap(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples = 2000)
    {
        var rng = new Random(20261204);
        var ratios = new double[resamples];
        var ra = new double[a.Count];
        var rb = new double[b.Count];
        for (int i = 0; i < resamples; i++)
        {
            for (int j = 0; j < ra.Length; j++) ra[j] = a[rng.Next(a.Count)];
            for (int j = 0; j < rb.Length; j++) rb[j] = b[rng.Next(b.Count)];
            ratios[i] = Percentiles.Of(ra, 50) / Percentiles.Of(rb, 50);
        }
        return (Percentiles.Of(ratios, 2.5), Percentiles.Of(ratios, 97.5));
    }
}

/// <summary>Times the same container start command (same bundle, same id) with the harness's clock and with
/// hyperfine, and reports harness/hyperfine: the harness's timer must agree with an outside one.
/// The two timers take turns in small blocks (ABBA…) so drift on the host — a teardown still settling, page
/// cache, another tenant — lands on both alike; one block each would compare two different moments.</summary>
public static class IndependentCheck
{
    public const int Blocks = 6;

    /// <summary>Runs per timer. gVisor's start is bimodal here (~175 and ~270 ms): at n = 30 the 95 % CI of the ratio
    /// spans ±10 %, at n = 150 about ±3-5 %. Costs ~0.4 s per gVisor run pair, so quick stays within budget.</summary>
    public static int DefaultRuns(RunProfile profile) => profile switch { RunProfile.Full => 150, RunProfile.Nightly => 100, _ => 60 };

    public static async Task<CrossCheck?> RunAsync(OciTier tier, int runs, Action<string> log, CancellationToken ct)
    {
        var hyperfine = Exec.Which("hyperfine");
        if (hyperfine is null) { log("independent check skipped: hyperfine not installed"); return null; }
        var req = new SandboxRequest(["true"], TimeSpan.FromSeconds(60)) { InstanceId = SandboxRequest.NewInstanceId() };
        var (path, args, _, teardown) = await tier.CommandLineAsync(req, ct);
        var json = Path.Combine(Path.GetTempPath(), $"sbh-hyperfine-{req.InstanceId}.json");
        try
        {
            var harness = new List<double>();
            var outside = new List<double>();
            await HarnessTimesAsync(tier.Id, path, args, 1, ct); // warm-up; hyperfine gets its own below
            foreach (var (block, count) in BlockSizes(runs, Blocks).Select((c, i) => (i, c)))
            {
                // Alternate which timer goes first, so neither always follows the other.
                async Task Outside()
                {
                    string[] hfArgs = ["-N", "--style", "none", "--warmup", block == 0 ? "1" : "0", "--runs", count.ToString(), "--export-json", json, string.Join(' ', args.Prepend(path))];
                    await Exec.CheckedAsync(hyperfine, hfArgs, TimeSpan.FromMinutes(10), ct);
                    outside.AddRange(ParseHyperfineTimes(File.ReadAllText(json)));
                }
                if (block % 2 == 0) { harness.AddRange(await HarnessTimesAsync(tier.Id, path, args, count, ct)); await Outside(); }
                else { await Outside(); harness.AddRange(await HarnessTimesAsync(tier.Id, path, args, count, ct)); }
            }
            return new CrossCheck(tier.Id, harness, outside);
        }
        finally
        {
            File.Delete(json);
            await teardown();
        }
    }

    /// <summary>Splits <paramref name="runs"/> into at most <paramref name="blocks"/> near-equal blocks of at least one run.</summary>
    public static IReadOnlyList<int> BlockSizes(int runs, int blocks)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs));
        int b = Math.Min(blocks, runs);
        return Enumerable.Range(0, b).Select(i => runs / b + (i < runs % b ? 1 : 0)).ToList();
    }

    /// <summary>The per-run wall times (ms) from a hyperfine --export-json file.</summary>
    public static IReadOnlyList<double> ParseHyperfineTimes(string jsonText)
    {
        try
        {
            using var doc = JsonDocument.Parse(jsonText);
            var times = doc.RootElement.GetProperty("results")[0].GetProperty("times").EnumerateArray().Select(t => t.GetDouble() * 1000).ToList();
            if (times.Count == 0 || times.Any(t => !double.IsFinite(t) || t <= 0)) throw new HarnessException("hyperfine reported no usable run times");
            return times;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new HarnessException($"hyperfine's JSON export is not in the expected shape ({e.Message})", e);
        }
    }

    private static async Task<List<double>> HarnessTimesAsync(string tier, string path, IReadOnlyList<string> args, int count, CancellationToken ct)
    {
        var times = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var p = SandboxProcess.Start(path, args, sw);
            var exit = await p.Exited.WaitAsync(TimeSpan.FromSeconds(60), ct);
            if (exit.ExitCode != 0) throw new HarnessException($"{tier}: crosscheck start failed: {p.StderrTail()}");
            times.Add(exit.At.TotalMilliseconds);
        }
        return times;
    }

    public static IEnumerable<Sample> Rows(RowContext ctx, CrossCheck c)
    {
        for (int i = 0; i < c.HarnessMs.Count; i++) yield return ctx.Row("crosscheck", "harness_exit_ms", "ms", c.HarnessMs[i], i);
        for (int i = 0; i < c.HyperfineMs.Count; i++) yield return ctx.Row("crosscheck", "hyperfine_exit_ms", "ms", c.HyperfineMs[i], i);
        yield return ctx.Row("crosscheck", "harness_over_hyperfine", "x", c.Ratio, 0,
            note: $"median spawn→exit, same command line, interleaved blocks; {(c.Agrees ? "within" : "OUTSIDE")} ±{CrossCheck.Tolerance:P0}; 95% CI {c.RatioCi95.Lo:0.000}-{c.RatioCi95.Hi:0.000}; mean ratio {c.MeanRatio:0.000}");
    }
}
