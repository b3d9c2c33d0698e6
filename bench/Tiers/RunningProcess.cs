using Harness.Core;

namespace Harness.Tiers;

/// <summary>An idle instance that is one host process tree (a VMM): alive while the process runs, stopped by killing it.</summary>
public sealed class RunningProcess(string id, SandboxProcess proc, double readyMs, Action? cleanup = null) : IRunningSandbox
{
    public string InstanceId => id;
    public double ReadyMs => readyMs;
    public IReadOnlyList<int> HostProcessIds() => HostProcesses.Belonging(id, [proc.ProcessId]);
    public string? MemoryCgroup => null;
    public bool IsAlive => !proc.Exited.IsCompleted;

    public async ValueTask DisposeAsync()
    {
        await proc.DisposeAsync();
        cleanup?.Invoke();
    }

    /// <summary>Starts the process and waits for the workload's ready line; on failure kills it and cleans up.</summary>
    public static async Task<IRunningSandbox> StartAsync(string tierId, string path, IReadOnlyList<string> args, SandboxRequest request,
        CancellationToken ct, Action? cleanup = null)
    {
        var proc = SandboxProcess.Start(path, args, System.Diagnostics.Stopwatch.StartNew());
        try
        {
            var ready = await proc.Ready.WaitAsync(request.Timeout, ct);
            return new RunningProcess(request.InstanceId, proc, ready.TotalMilliseconds, cleanup);
        }
        catch (Exception e)
        {
            var stderr = proc.StderrTail();
            await proc.DisposeAsync();
            cleanup?.Invoke();
            if (e is OperationCanceledException && ct.IsCancellationRequested) throw;
            throw new HarnessException($"{tierId}: instance {request.InstanceId} did not become ready: {e.GetType().Name} {Text.Sanitize(stderr, 500)}", e);
        }
    }
}
