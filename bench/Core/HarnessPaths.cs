namespace Harness.Core;

/// <summary>Where the harness keeps things. Everything it creates at run time lives under <see cref="StateRoot"/>
/// (tmpfs, so even a power cut cleans it) and every name there starts with <see cref="Prefix"/>, so a sweep can find it.</summary>
public sealed record HarnessPaths(string RepoRoot, string StateRoot, string CacheRoot, string ResultsRoot)
{
    public const string Prefix = "sbh";

    public string RuncRoot => Path.Combine(StateRoot, "runc");
    public string RunscRoot => Path.Combine(StateRoot, "runsc");
    public string CrunRoot => Path.Combine(StateRoot, "crun");
    public string Instances => Path.Combine(StateRoot, "instances");
    public string LockFile => Path.Combine(StateRoot, "run.lock");
    public string WorkloadOutput => Path.Combine(RepoRoot, ".build", "sbw");

    /// <summary>cgroup path (relative to each v1 hierarchy root) that runc and runsc place instances under.</summary>
    public const string CgroupParent = "sandbox-harness";

    public static HarnessPaths Default()
    {
        string repo = Environment.GetEnvironmentVariable("SBH_REPO") ?? FindRepoRoot(AppContext.BaseDirectory)
            ?? FindRepoRoot(Directory.GetCurrentDirectory())
            ?? throw new HarnessException("cannot find the repository root (no Harness.sln above the program or the current directory); set SBH_REPO");
        return new HarnessPaths(
            repo,
            Environment.GetEnvironmentVariable("SBH_STATE") ?? "/run/sandbox-harness",
            Environment.GetEnvironmentVariable("SBH_CACHE") ?? "/var/cache/sandbox-harness",
            Path.Combine(repo, "results"));
    }

    private static string? FindRepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln"))) return d.FullName;
        return null;
    }
}
