using BenchmarkDotNet.Attributes;
using Harness.Core;
using Harness.Images;
using Harness.Tiers;

namespace Harness.Benchmarks;

/// <summary>Cold start and tool call per tier as BenchmarkDotNet benchmarks. Stable ids: SandboxStartBenchmarks.ColdStart(Tier)
/// and .ToolCall(Tier). Only tiers usable on this host are parameters (the others are named in the log).</summary>
public class SandboxStartBenchmarks
{
    private static readonly Lazy<(TierContext Context, IReadOnlyList<ITier> Usable)> Env = new(() =>
    {
        var paths = HarnessPaths.Default();
        var builder = new ImageBuilder(paths, Console.WriteLine);
        var ctx = new TierContext(paths, new TierOptions(), ct => builder.EnsureAsync(new ImageOptions(), ct), Console.WriteLine);
        var usable = new List<ITier>();
        foreach (var t in TierRegistry.Create(ctx))
        {
            var st = t.DetectAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (st.Usable) usable.Add(t); else Console.WriteLine($"// skipping {t.Id}: {st.Reason}");
        }
        return (ctx, usable);
    });

    public static IEnumerable<string> Tiers() => Env.Value.Usable.Select(t => t.Id);

    [ParamsSource(nameof(Tiers))]
    public string Tier { get; set; } = "";

    private ITier _tier = null!;

    [GlobalSetup]
    public void Setup() => _tier = Env.Value.Usable.Single(t => t.Id == Tier);

    private SandboxRun Run(params string[] args)
    {
        var r = _tier.RunAsync(new SandboxRequest(args, TimeSpan.FromSeconds(120)), CancellationToken.None).GetAwaiter().GetResult();
        if (!r.Succeeded) throw new HarnessException($"{Tier} {args[0]}: {r.Outcome} {r.StderrTail}");
        return r;
    }

    [Benchmark(Description = "ColdStart")]
    public SandboxRun ColdStart() => Run("true");

    [Benchmark(Description = "ToolCall")]
    public SandboxRun ToolCall() => Run("toolcall");
}
