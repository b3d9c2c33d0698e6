using System.Diagnostics;
using Harness.Core;
using Harness.Results;
using Harness.Stats;
using Harness.Tiers;

namespace Harness.Measurements;

public sealed record DensityLimits(int MaxInstances, double MemoryBudgetFraction, double P95StartBudgetMs, TimeSpan StartTimeout)
{
    public static DensityLimits For(RunProfile p) => p == RunProfile.Full
        ? new(64, 0.8, 60_000, TimeSpan.FromSeconds(120))
        : new(6, 0.8, 60_000, TimeSpan.FromSeconds(90));
}

public enum DensityStop { MaxInstances, MemoryBudget, StartLatencyBudget, Failure }

public sealed record DensityStep(int Instances, double StartMs, long PssTotalBytes, long MemAvailableDropBytes, long? CgroupBytes);

public sealed record DensityResult(string Tier, int Reached, DensityStop Stop, string StopDetail, IReadOnlyList<DensityStep> Steps,
    long? MemAvailableDropAfterDropCaches);

/// <summary>Source of host memory facts; a seam so the stop conditions can be tested with a fake driver and fake memory.</summary>
public interface IHostMemory
{
    long MemAvailableBytes();
    void DropCaches();
    long PssBytes(IReadOnlyList<int> pids);
    long? CgroupUsageBytes(string? cgroupDir);
}

public sealed class ProcHostMemory : IHostMemory
{
    public long MemAvailableBytes() => HostFacts.MemInfoKb("MemAvailable") * 1024;

    public void DropCaches()
    {
        try { File.WriteAllText("/proc/sys/vm/drop_caches", "3"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public long PssBytes(IReadOnlyList<int> pids) => HostProcesses.PssBytes(pids);

    public long? CgroupUsageBytes(string? dir)
    {
        if (dir is null) return null;
        var f = Path.Combine(dir, "memory.usage_in_bytes");
        try { return File.Exists(f) ? long.Parse(File.ReadAllText(f).Trim()) : null; } catch (IOException) { return null; }
    }
}

/// <summary>Starts idle instances one by one, each confirmed alive, until the first stop condition; records memory
/// (three views) and start latency at every step, and always stops every instance it started.</summary>
public sealed class DensityRamp(ITier tier, DensityLimits limits, IHostMemory memory, Action<string>? progress = null)
{
    public async Task<DensityResult> RunAsync(CancellationToken ct)
    {
        var instances = new List<IRunningSandbox>();
        var steps = new List<DensityStep>();
        var starts = new List<double>();
        memory.DropCaches();
        long avail0 = memory.MemAvailableBytes();
        long budget = (long)(avail0 * limits.MemoryBudgetFraction);
        DensityStop stop = DensityStop.MaxInstances;
        string detail = $"reached the max of {limits.MaxInstances}";
        long? dropAfter = null;
        try
        {
            while (instances.Count < limits.MaxInstances)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Invoke($"{tier.Id} density: starting instance {instances.Count + 1}");
                var sw = Stopwatch.StartNew();
                IRunningSandbox inst;
                try { inst = await tier.StartAsync(new SandboxRequest(["idle"], limits.StartTimeout), ct); }
                catch (HarnessException e)
                {
                    stop = DensityStop.Failure;
                    detail = $"instance {instances.Count + 1} failed to start: {Text.Sanitize(e.Message, 300)}";
                    break;
                }
                instances.Add(inst);
                starts.Add(inst.ReadyMs);
                if (instances.Any(i => !i.IsAlive))
                {
                    stop = DensityStop.Failure;
                    detail = $"an instance died after {instances.Count} were started";
                    break;
                }
                long pss = memory.PssBytes(instances.SelectMany(i => i.HostProcessIds()).Distinct().ToList());
                long drop = avail0 - memory.MemAvailableBytes();
                long? cg = instances.Select(i => memory.CgroupUsageBytes(i.MemoryCgroup)).Aggregate((long?)0, (a, b) => a is null || b is null ? null : a + b);
                steps.Add(new DensityStep(instances.Count, inst.ReadyMs, pss, drop, cg));
                if (drop > budget) { stop = DensityStop.MemoryBudget; detail = $"MemAvailable dropped {drop >> 20} MiB > budget {budget >> 20} MiB"; break; }
                double p95 = Percentiles.Of(starts, 95);
                if (p95 > limits.P95StartBudgetMs) { stop = DensityStop.StartLatencyBudget; detail = $"p95 start {p95:0} ms > budget {limits.P95StartBudgetMs:0} ms"; break; }
            }
            if (instances.Count > 0)
            {
                memory.DropCaches();
                dropAfter = avail0 - memory.MemAvailableBytes();
            }
        }
        finally
        {
            // Stop everything we started, even when cancelled: no instance outlives the ramp.
            foreach (var i in instances) await i.DisposeAsync();
        }
        return new DensityResult(tier.Id, steps.Count, stop, detail, steps, dropAfter);
    }

    public static IEnumerable<Sample> Rows(RowContext ctx, DensityResult r)
    {
        yield return ctx.Row("idle", "density_instances", "count", r.Reached, 0, "ok", $"{r.Stop}: {r.StopDetail}");
        foreach (var s in r.Steps)
        {
            yield return ctx.Row("idle", "density_step_start_ms", "ms", s.StartMs, s.Instances);
            yield return ctx.Row("idle", "density_step_pss_total_bytes", "bytes", s.PssTotalBytes, s.Instances);
            yield return ctx.Row("idle", "density_step_memavailable_drop_bytes", "bytes", s.MemAvailableDropBytes, s.Instances);
            if (s.CgroupBytes is { } c) yield return ctx.Row("idle", "density_step_cgroup_bytes", "bytes", c, s.Instances);
        }
        if (r.Steps.Count == 0) yield break;
        var first = r.Steps[0];
        var last = r.Steps[^1];
        yield return ctx.Row("idle", "mem_pss_single_instance_bytes", "bytes", first.PssTotalBytes, 0);
        yield return ctx.Row("idle", "mem_pss_per_instance_bytes", "bytes", (double)last.PssTotalBytes / last.Instances, 0);
        if (r.MemAvailableDropAfterDropCaches is { } d)
            yield return ctx.Row("idle", "mem_available_drop_per_instance_bytes", "bytes", (double)d / last.Instances, 0);
        if (last.CgroupBytes is { } cg) yield return ctx.Row("idle", "mem_cgroup_per_instance_bytes", "bytes", (double)cg / last.Instances, 0);
    }
}
