using Harness.Core;
using Harness.Images;
using Harness.Tiers;

namespace Harness.Conformance.Tests;

/// <summary>Builds the images once (cached across runs) and detects every core tier once per test run.</summary>
public sealed class TierFixture
{
    public HarnessPaths Paths { get; } = HarnessPaths.Default();
    public TierContext Context { get; }
    public IReadOnlyDictionary<string, (ITier Tier, TierStatus Status)> Tiers { get; }

    public TierFixture()
    {
        var builder = new ImageBuilder(Paths, Console.WriteLine);
        Context = new TierContext(Paths, new TierOptions(), ct => builder.EnsureAsync(new ImageOptions(), ct), Console.WriteLine);
        Tiers = TierRegistry.Create(Context).Where(t => TierRegistry.Core.Contains(t.Id))
            .ToDictionary(t => t.Id, t => (t, t.DetectAsync(CancellationToken.None).GetAwaiter().GetResult()));
    }

    /// <summary>The tier, or a skip naming why it cannot run here.</summary>
    public ITier Require(string id)
    {
        var (tier, status) = Tiers[id];
        Skip.IfNot(status.Usable, $"{id} is not usable here: {status.Reason}");
        return tier;
    }

    /// <summary>What an instance left behind: state entries, instance dir, processes or cgroups naming its id.</summary>
    public IReadOnlyList<string> LeftoversOf(string instanceId)
    {
        var found = new List<string>();
        foreach (var root in new[] { Paths.RuncRoot, Paths.RunscRoot, Paths.Instances })
            if (Directory.Exists(root))
                found.AddRange(Directory.EnumerateFileSystemEntries(root).Where(e => e.Contains(instanceId)));
        found.AddRange(HostProcesses.Snapshot().Where(p => p.CommandLine.Contains(instanceId)).Select(p => $"pid {p.Pid} {p.Comm}"));
        found.AddRange(Cleanup.CgroupDirs(HarnessPaths.CgroupParent + "/" + instanceId));
        found.AddRange(Cleanup.MountPoints().Where(m => m.Contains(instanceId)));
        return found;
    }

    public static TheoryData<string> CoreTiers => new(TierRegistry.Core);
}

[CollectionDefinition("tiers")]
public sealed class TierCollection : ICollectionFixture<TierFixture>;
