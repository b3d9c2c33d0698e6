using System.Text.Json;
using Harness.Core;

namespace Harness.Conformance;

public sealed record Expectation(string Expect, string Why);

/// <summary>conformance/expectations.json: tier → check → expected outcome with a one-line reason.
/// "info" means no firm expectation: recorded, never silently passed as a verdict.</summary>
public sealed class Expectations(IReadOnlyDictionary<string, IReadOnlyDictionary<string, Expectation>> byTier)
{
    public const string FileName = "expectations.json";

    public static Expectations Load(HarnessPaths paths)
    {
        var path = Path.Combine(paths.RepoRoot, "conformance", FileName);
        try
        {
            var raw = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Expectation>>>(File.ReadAllText(path),
                new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip })
                ?? throw new HarnessException($"{path} is empty");
            foreach (var (tier, checks) in raw)
                foreach (var (id, e) in checks)
                    if (!ProbeReport.Outcomes.Contains(e.Expect))
                        throw new HarnessException($"{path}: {tier}/{id} expects '{e.Expect}', not one of {string.Join(", ", ProbeReport.Outcomes)}");
            return new Expectations(raw.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, Expectation>)kv.Value));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new HarnessException($"cannot read {path}: {e.Message}");
        }
    }

    public IReadOnlyDictionary<string, Expectation> For(string tier) =>
        byTier.TryGetValue(tier, out var e) ? e : throw new HarnessException($"{FileName} has no expectations for tier {tier}");

    public IEnumerable<string> Tiers => byTier.Keys;
}
