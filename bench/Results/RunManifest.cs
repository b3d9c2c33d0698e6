using System.Text.Json;
using Harness.Core;
using Harness.Tiers;

namespace Harness.Results;

/// <summary>run.json: what was run, where, with which runtimes, and whether it finished. A run without
/// Status "complete" is partial and says so in every report made from it.</summary>
public sealed record RunManifest(
    int FormatVersion,
    string RunId,
    string Profile,
    DateTime StartedUtc,
    DateTime? FinishedUtc,
    string Status,
    HostFacts Host,
    IReadOnlyList<TierStatus> Tiers,
    IReadOnlyList<string> Workloads,
    IReadOnlyList<string> Notes)
{
    public const int CurrentFormat = 1;
    public const string FileName = "run.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public void Save(string dir)
    {
        var path = Path.Combine(dir, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static RunManifest Load(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new HarnessException($"{dir} is not a run folder (no {FileName}); pass a folder under results/ written by 'run'");
        RunManifest? m;
        try { m = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new HarnessException($"{path} is malformed: {e.Message}"); }
        if (m is null || m.FormatVersion != CurrentFormat)
            throw new HarnessException($"{path} has format {m?.FormatVersion.ToString() ?? "none"}, this harness reads {CurrentFormat}; re-run 'run' to produce a current folder");
        return m;
    }
}
