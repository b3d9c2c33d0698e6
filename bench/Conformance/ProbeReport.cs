using System.Text.Json;

namespace Harness.Conformance;

public sealed record ProbeCheck(string Id, string Category, string Outcome, string Evidence);

/// <summary>The probe's JSON document (SBW-PROBE line), parsed defensively: it comes from inside the sandbox.</summary>
public sealed record ProbeReport(string Kernel, bool KernelIsHost, IReadOnlyList<ProbeCheck> Checks)
{
    public const string Marker = "SBW-PROBE ";
    public static readonly IReadOnlyList<string> Outcomes = ["exposed", "blocked", "virtualized", "info"];
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, MaxDepth = 8 };

    public static ProbeReport? Parse(IEnumerable<string> stdout, out string? error)
    {
        error = null;
        var line = stdout.LastOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
        if (line is null) { error = "the probe printed no report"; return null; }
        if (line.Length > 1 << 20) { error = "probe report over 1 MiB"; return null; }
        try
        {
            var r = JsonSerializer.Deserialize<ProbeReport>(line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..], Json);
            if (r?.Checks is null || r.Checks.Any(c => c is null || string.IsNullOrEmpty(c.Id) || !Outcomes.Contains(c.Outcome)))
            { error = "probe report has checks without an id or with an unknown outcome"; return null; }
            return r;
        }
        catch (JsonException e) { error = $"malformed probe report: {e.Message}"; return null; }
    }
}
