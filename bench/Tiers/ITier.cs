namespace Harness.Tiers;

/// <summary>One isolation tier backed by one real runtime. Detect says whether it can run here and why not;
/// a run always cleans up after itself, also on timeout, failure and cancellation.</summary>
public interface ITier
{
    /// <summary>Stable id used in CSVs, filters and baselines (never rename one).</summary>
    string Id { get; }
    /// <summary>The article's tier class this driver stands for (standard, hardened, userspace-kernel, microvm).</summary>
    TierClass Class { get; }
    Task<TierStatus> DetectAsync(CancellationToken ct);
    Task<SandboxRun> RunAsync(SandboxRequest request, CancellationToken ct);
    /// <summary>Starts an instance and returns once its workload printed ready (density, memory).</summary>
    Task<IRunningSandbox> StartAsync(SandboxRequest request, CancellationToken ct);
}

public enum TierClass { Standard, Hardened, UserspaceKernel, MicroVm }

public sealed record TierStatus(string TierId, bool Usable, string Reason, string? RuntimePath, string? RuntimeVersion, string PlatformOrAccel)
{
    public static TierStatus NotUsable(string tier, string reason, string? path = null, string? version = null) =>
        new(tier, false, reason, path, version, "n/a");
}

/// <summary>What to run: the workload's argv (after the binary) plus limits and, for control runs only, weakenings.</summary>
public sealed record SandboxRequest(IReadOnlyList<string> WorkloadArgs, TimeSpan Timeout)
{
    public string InstanceId { get; init; } = NewInstanceId();
    public SandboxWeakening Weakening { get; init; } = SandboxWeakening.None;
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static string NewInstanceId() => $"{Core.HarnessPaths.Prefix}-{Guid.NewGuid().ToString("N")[..12]}";
}

/// <summary>Deliberate weakenings for conformance control runs. The measured tiers always run with None.</summary>
public sealed record SandboxWeakening
{
    public static readonly SandboxWeakening None = new();
    /// <summary>All capabilities, no seccomp, no masked paths: what "--privileged" does.</summary>
    public bool Privileged { get; init; }
    /// <summary>/proc/sys mounted read-write.</summary>
    public bool WritableProcSys { get; init; }
    /// <summary>Host unix sockets bind-mounted into the sandbox (host path → sandbox path).</summary>
    public IReadOnlyList<(string Host, string Sandbox)> BindMounts { get; init; } = [];
    /// <summary>Join this existing network namespace instead of an empty one.</summary>
    public string? NetworkNamespacePath { get; init; }
    /// <summary>Extra delay before spawn (regression-detection tests only: a known slowdown).</summary>
    public TimeSpan InjectedDelay { get; init; }

    public bool IsNone => this == None || (!Privileged && !WritableProcSys && BindMounts.Count == 0 && NetworkNamespacePath is null && InjectedDelay == TimeSpan.Zero);
}

public enum RunOutcome { Ok, NonZeroExit, TimedOut, NoReady, StartFailed, Cancelled }

/// <summary>One run of one workload in one tier: timestamps from the host clock, the workload's own report, and
/// enough of stderr to tell why a run failed.</summary>
public sealed record SandboxRun(
    string TierId,
    string InstanceId,
    RunOutcome Outcome,
    int? ExitCode,
    double? ReadyMs,
    double? ExitMs,
    double CleanupDoneMs,
    double HostCpuMs,
    IReadOnlyList<Phase> Phases,
    WorkloadReport? Report,
    IReadOnlyList<string> Stdout,
    string StderrTail)
{
    public bool Succeeded => Outcome == RunOutcome.Ok && Report is not null;
}

public sealed record Phase(string Name, double Ms);

/// <summary>A running idle instance; disposing stops it and removes everything it created.</summary>
public interface IRunningSandbox : IAsyncDisposable
{
    string InstanceId { get; }
    double ReadyMs { get; }
    /// <summary>Every host process that belongs to this instance (runtime shim, sentry, gofer, VMM, workload).</summary>
    IReadOnlyList<int> HostProcessIds();
    /// <summary>The v1 memory cgroup directory of the instance, if the runtime made one.</summary>
    string? MemoryCgroup { get; }
    bool IsAlive { get; }
}
