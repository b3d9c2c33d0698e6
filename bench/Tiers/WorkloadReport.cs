using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Tiers;

public sealed record WorkloadMetric(string Name, string Unit, double Value, int? Index = null);

/// <summary>The workload's own result line (SBW-RESULT {json}), parsed defensively: a sandbox's output is untrusted.</summary>
public sealed record WorkloadReport(
    string Workload,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<WorkloadMetric> Metrics,
    double CpuUserMs,
    double CpuSysMs,
    long MaxRssKb,
    double WallMs)
{
    public const string ResultMarker = "SBW-RESULT ";
    private const int MaxLine = 4 << 20;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        MaxDepth = 16,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public double? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name && m.Index is null)?.Value;

    /// <summary>Finds the last result line in stdout (serial consoles interleave kernel messages) and parses it.</summary>
    public static WorkloadReport? FromStdout(IEnumerable<string> lines, out string? error)
    {
        error = null;
        var line = lines.LastOrDefault(l => l.Contains(ResultMarker, StringComparison.Ordinal));
        if (line is null) { error = "no result line"; return null; }
        if (line.Length > MaxLine) { error = $"result line is {line.Length} bytes (limit {MaxLine})"; return null; }
        var json = line[(line.IndexOf(ResultMarker, StringComparison.Ordinal) + ResultMarker.Length)..];
        try
        {
            var r = JsonSerializer.Deserialize<WorkloadReport>(json, Options);
            if (r is null || string.IsNullOrEmpty(r.Workload) || r.Metrics is null || r.Parameters is null)
            { error = "result line lacks workload, parameters or metrics"; return null; }
            if (r.Metrics.Any(m => m is null || string.IsNullOrEmpty(m.Name) || !double.IsFinite(m.Value)))
            { error = "result line has a metric without a name or with a non-finite value"; return null; }
            return r;
        }
        catch (JsonException e)
        {
            error = $"malformed result JSON: {e.Message}";
            return null;
        }
    }
}
