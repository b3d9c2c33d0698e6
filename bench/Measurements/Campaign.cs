using Harness.Results;
using Harness.Tiers;

namespace Harness.Measurements;

/// <summary>A measured tier: the driver plus the columns its rows carry.</summary>
public sealed record MeasuredTier(ITier Driver, RowContext Rows)
{
    /// <summary>None for every real measurement; a test-only injected delay for the regression-detection check.</summary>
    public SandboxWeakening Weakening { get; init; } = SandboxWeakening.None;
}

/// <summary>Runs every (workload × tier) cell round-robin — iteration i of every tier before iteration i+1 — so machine
/// noise hits all tiers alike. Warm-ups are run and discarded. Cells already in the sink (resume) are skipped.</summary>
public sealed class Campaign(IReadOnlyList<MeasuredTier> tiers, IReadOnlyList<WorkloadSpec> workloads, RunProfile profile, SampleSink sink,
    ISet<string> done, Action<string>? progress = null)
{
    public static string CellKey(string tier, string workload, int iteration) => $"{tier}|{workload}|{iteration}";

    /// <summary>Runs a campaign will make, warm-ups included (for the progress display's ETA).</summary>
    public static int CountRuns(int tiers, IEnumerable<WorkloadSpec> workloads, RunProfile profile) => workloads.Sum(w => (w.N(profile) + 1) * tiers);

    public async Task<IReadOnlyList<SandboxRun>> RunAsync(CancellationToken ct)
    {
        var runs = new List<SandboxRun>();
        foreach (var w in workloads)
        {
            for (int i = -1; i < w.N(profile); i++) // -1 is the warm-up
            {
                foreach (var t in tiers)
                {
                    ct.ThrowIfCancellationRequested();
                    if (i >= 0 && done.Contains(CellKey(t.Rows.Tier, w.Id, i))) { progress?.Invoke($"{t.Rows.Tier} {w.Id} #{i} (resumed)"); continue; }
                    progress?.Invoke($"{t.Rows.Tier} {w.Id} {(i < 0 ? "warm-up" : $"#{i}")}");
                    var run = await t.Driver.RunAsync(new SandboxRequest(w.Args(profile), w.Timeout) { Weakening = t.Weakening }, ct);
                    if (run.Outcome == RunOutcome.Cancelled) ct.ThrowIfCancellationRequested();
                    if (i < 0) continue;
                    runs.Add(run);
                    sink.AddRange(RunRows.From(t.Rows, w.Id, run, i));
                }
            }
        }
        return runs;
    }
}
