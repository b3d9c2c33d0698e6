namespace Harness.Results;

/// <summary>One measured value: a CSV row. Summaries are derived from these, never stored instead of them.</summary>
public sealed record Sample(
    string RunId,
    DateTime Utc,
    string Host,
    string Kernel,
    string Tier,
    string Runtime,
    string RuntimeVersion,
    string PlatformOrAccel,
    string Workload,
    string Metric,
    string Unit,
    double Value,
    int Iteration,
    string Outcome,
    string Profile,
    string Note = "");

/// <summary>The columns every row of one tier shares within a run.</summary>
public sealed record RowContext(string RunId, string Host, string Kernel, string Tier, string Runtime, string RuntimeVersion, string PlatformOrAccel, string Profile)
{
    public Sample Row(string workload, string metric, string unit, double value, int iteration, string outcome = "ok", string note = "") =>
        new(RunId, DateTime.UtcNow, Host, Kernel, Tier, Runtime, RuntimeVersion, PlatformOrAccel, workload, metric, unit, value, iteration, outcome, Profile, note);
}
