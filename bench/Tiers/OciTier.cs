using System.Diagnostics;
using System.Text.Json;
using Harness.Core;
using Harness.Images;
using Harness.Oci;

namespace Harness.Tiers;

/// <summary>Shared driver for OCI runtimes (runc, runsc, crun): a bundle per instance under the harness state dir,
/// the runtime's own --root there too, and a teardown that removes container, overlay mount, cgroups and files.</summary>
public abstract class OciTier(TierContext context, ContainerProfile profile) : ITier
{
    protected TierContext Context { get; } = context;
    public abstract string Id { get; }
    public abstract TierClass Class { get; }
    /// <summary>The runtime binary name looked up on PATH.</summary>
    protected abstract string Binary { get; }
    /// <summary>The runtime's --root, under the harness state dir so a sweep can find leftovers.</summary>
    protected abstract string StateRoot { get; }
    protected virtual IReadOnlyList<string> GlobalArgs => ["--root", StateRoot];
    protected virtual string Platform => "native";

    public virtual async Task<TierStatus> DetectAsync(CancellationToken ct)
    {
        var path = Exec.Which(Binary);
        if (path is null) return TierStatus.NotUsable(Id, $"{Binary} not installed (not on PATH)");
        var v = await Exec.RunAsync(path, ["--version"], TimeSpan.FromSeconds(10), ct);
        var version = v.Stdout.Split('\n').FirstOrDefault()?.Trim() ?? "unknown";
        if (Native.Geteuid() != 0) return TierStatus.NotUsable(Id, "needs root (rootful OCI runtime)", path, version);
        var why = await UnusableReasonAsync(path, version, ct);
        return why is null ? new TierStatus(Id, true, "usable", path, version, Platform) : TierStatus.NotUsable(Id, why, path, version);
    }

    /// <summary>Runtime-specific reasons it cannot run here; null when it can.</summary>
    protected virtual Task<string?> UnusableReasonAsync(string path, string version, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Foreground run (runc, runsc, crun and kata-runtime 1.x share the OCI CLI shape).</summary>
    protected virtual IReadOnlyList<string> RunArgs(string bundle, string id) => ["run", "--bundle", bundle, id];
    protected virtual IReadOnlyList<string> DetachedRunArgs(string bundle, string id) => ["run", "--detach", "--bundle", bundle, id];

    private string RequirePath() => Exec.Which(Binary) ?? throw new HarnessException($"{Binary} not installed");

    /// <summary>The foreground command line for one instance, with its bundle prepared; teardown removes it all.
    /// Also used by the independent (hyperfine) check, which must time exactly what the harness times.</summary>
    public async Task<(string Path, IReadOnlyList<string> Args, Phase Prepare, Func<Task> Teardown)> CommandLineAsync(SandboxRequest request, CancellationToken ct)
    {
        var path = RequirePath();
        var images = await Context.ImagesAsync(ct);
        var sw = Stopwatch.StartNew();
        Bundle bundle;
        try { bundle = Bundle.Create(Context.Paths, request, profile == ContainerProfile.Hardened ? images.Hardened : images.Standard, profile); }
        catch (Exception e) when (e is IOException or HarnessException)
        {
            await TeardownAsync(path, request.InstanceId);
            throw new HarnessException($"{Id}: preparing the bundle failed: {e.Message}", e);
        }
        return (path, [.. GlobalArgs, .. RunArgs(bundle.Dir, request.InstanceId)], new Phase("prepare_bundle", sw.Elapsed.TotalMilliseconds),
            () => TeardownAsync(path, request.InstanceId));
    }

    public async Task<SandboxRun> RunAsync(SandboxRequest request, CancellationToken ct)
    {
        var (path, args, prepare, teardown) = await CommandLineAsync(request, ct);
        return await SandboxRunner.RunAsync(Id, request, path, args, teardown, ct, preparePhases: [prepare]);
    }

    public async Task<IRunningSandbox> StartAsync(SandboxRequest request, CancellationToken ct)
    {
        var path = RequirePath();
        var images = await Context.ImagesAsync(ct);
        var id = request.InstanceId;
        var clock = Stopwatch.StartNew();
        SandboxProcess? proc = null;
        try
        {
            var bundle = Bundle.Create(Context.Paths, request, profile == ContainerProfile.Hardened ? images.Hardened : images.Standard, profile);
            proc = SandboxProcess.Start(path, [.. GlobalArgs, .. DetachedRunArgs(bundle.Dir, id)], clock);
            var ready = await proc.Ready.WaitAsync(request.Timeout, ct);
            return new RunningContainer(this, path, id, proc, ready.TotalMilliseconds);
        }
        catch (Exception e)
        {
            var stderr = proc?.StderrTail() ?? "";
            if (proc is not null) await proc.DisposeAsync();
            await TeardownAsync(path, id);
            if (e is OperationCanceledException && ct.IsCancellationRequested) throw;
            throw new HarnessException($"{Id}: instance {id} did not become ready: {e.GetType().Name} {Text.Sanitize(stderr, 500)}", e);
        }
    }

    /// <summary>Host PIDs that belong to the instance: the container's init (from runtime state) and anything naming the id.</summary>
    protected virtual IReadOnlyList<int> InstancePids(string id)
    {
        int init = 0;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(StateRoot, id, "state.json")));
            if (doc.RootElement.TryGetProperty("init_process_pid", out var p)) init = p.GetInt32();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { }
        return HostProcesses.Belonging(id, [init]);
    }

    internal async Task TeardownAsync(string runtimePath, string id)
    {
        // runc run removes its container on exit; a killed or detached one is still registered under --root.
        if (Cleanup.StateEntries(StateRoot, id).Count > 0)
            await Exec.RunAsync(runtimePath, [.. GlobalArgs, "delete", "--force", id], TimeSpan.FromSeconds(30));
        Cleanup.RemoveStateEntries(StateRoot, id);
        Cleanup.RemoveInstance(Context.Paths, id);
    }

    private sealed class RunningContainer(OciTier tier, string path, string id, SandboxProcess proc, double readyMs) : IRunningSandbox
    {
        public string InstanceId => id;
        public double ReadyMs => readyMs;
        public IReadOnlyList<int> HostProcessIds() => tier.InstancePids(id);
        public string? MemoryCgroup => Cleanup.CgroupDirs(HarnessPaths.CgroupParent + "/" + id).FirstOrDefault(d => d.Contains("/memory/"));
        public bool IsAlive => !proc.Exited.IsCompleted;

        public async ValueTask DisposeAsync()
        {
            await tier.TeardownAsync(path, id);
            await proc.DisposeAsync();
        }
    }
}
