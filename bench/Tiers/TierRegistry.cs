namespace Harness.Tiers;

/// <summary>Every driver the harness knows. A new tier is one file plus one line here.
/// The first four are the article's tiers; the rest are used when their runtime is installed.</summary>
public static class TierRegistry
{
    public static readonly IReadOnlyList<string> Core = ["runc-standard", "runc-hardened", "gvisor", "qemu-microvm"];

    public static IReadOnlyList<ITier> Create(TierContext context) =>
    [
        new RuncStandardTier(context),
        new RuncHardenedTier(context),
        new GvisorTier(context),
        new QemuMicrovmTier(context),
        new CrunTier(context),
        new FirecrackerTier(context),
        new CloudHypervisorTier(context),
        new KataTier(context),
    ];

    /// <summary>Resolves user-given ids; an unknown id is an error naming the known ones.</summary>
    public static IReadOnlyList<ITier> Select(IReadOnlyList<ITier> all, IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0) return all;
        var unknown = ids.Where(i => all.All(t => t.Id != i)).ToList();
        if (unknown.Count > 0)
            throw new Core.HarnessException($"unknown tier(s) {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(t => t.Id))}");
        return all.Where(t => ids.Contains(t.Id)).ToList();
    }
}
