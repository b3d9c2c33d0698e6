namespace Harness.Reporting;

public enum Trust { Internal, UserSupplied }
public enum Tenancy { Single, Multi }
public enum Role { AgentRuntime, CodeSandbox }

/// <summary>The article's inputs: trust boundary, latency budget and duration, regulatory requirement, tenants per host,
/// and whether this is the agent's runtime or its code-execution sandbox.</summary>
public sealed record WorkloadProfile(Trust Trust, double LatencyBudgetMs, double DurationS, bool VmIsolationRequired, Tenancy Tenancy, Role Role);

public sealed record Recommendation(string Tier, string? RunnerUp, string Why, double? ColdStartMs, double? MemoryMb);

public sealed record WorkloadClass(string Name, WorkloadProfile Input, double RatePerSecond);

/// <summary>The article's framework (three axes, two questions) decided on measured numbers from one run.</summary>
public sealed class Recommender(RunData run)
{
    public const string Standard = "runc-standard", Hardened = "runc-hardened", Gvisor = "gvisor", MicroVm = "qemu-microvm";
    /// <summary>A sandbox whose cold start is at most this share of the work it runs is "amortised".</summary>
    public const double AmortisedShare = 0.10;

    public static readonly IReadOnlyList<WorkloadClass> ArticleClasses =
    [
        new("orchestration / inference runtime (internal, long-lived)", new(Trust.Internal, 1000, 3600, false, Tenancy.Single, Role.AgentRuntime), 0.01),
        new("trusted tool call (internal API, 50 ms)", new(Trust.Internal, 50, 0.05, false, Tenancy.Single, Role.AgentRuntime), 50),
        new("untrusted tool call (script, 50 ms work, 250 ms budget)", new(Trust.UserSupplied, 250, 0.05, false, Tenancy.Single, Role.AgentRuntime), 10),
        new("code execution sandbox (user code, 30 s)", new(Trust.UserSupplied, 5000, 30, false, Tenancy.Multi, Role.CodeSandbox), 0.5),
        new("cross-tenant / regulated isolation", new(Trust.UserSupplied, 5000, 30, true, Tenancy.Multi, Role.CodeSandbox), 0.1),
    ];

    public double? ColdStart(string tier) => run.Cell(tier, "coldstart", "cold_start_ready_ms")?.P50;
    private int? Exposed(string tier) => run.Conformance.Count == 0 ? null : run.Conformance.Count(r => r.Tier == tier && r.Outcome == "exposed");
    private bool Has(string tier) => ColdStart(tier) is not null;

    private Recommendation Pick(string tier, string? runnerUp, string why) => new(tier, runnerUp, why, ColdStart(tier), run.MemoryMb(tier));

    private string Cs(string tier) => ColdStart(tier) is { } v ? $"{v:0.#} ms" : "not measured";

    private bool Fits(string tier, WorkloadProfile p) =>
        ColdStart(tier) is { } cs && (cs <= p.LatencyBudgetMs || cs <= AmortisedShare * p.DurationS * 1000);

    public Recommendation Recommend(WorkloadProfile p)
    {
        if (p.VmIsolationRequired)
            return Pick(MicroVm, Gvisor, $"VM-grade isolation is required: only the microVM survives a strict tenant-isolation audit (cold start {Cs(MicroVm)}); gVisor lost because it is not a hardware boundary");
        if (p.Trust == Trust.UserSupplied)
        {
            if (p.Tenancy == Tenancy.Multi && p.Role == Role.CodeSandbox)
                return Pick(MicroVm, Gvisor, $"untrusted code for many tenants in a code sandbox: the microVM is the default ({Cs(MicroVm)} is {(Fits(MicroVm, p) ? "" : "not ")}amortised over {p.DurationS:0.###} s); gVisor is the floor");
            if (Fits(MicroVm, p))
                return Pick(MicroVm, Gvisor, $"untrusted code and the microVM's {Cs(MicroVm)} start fits a {p.LatencyBudgetMs:0} ms budget or ≤{AmortisedShare:P0} of {p.DurationS:0.###} s; gVisor is the floor");
            var gv = Fits(Gvisor, p) ? "fits" : "does not fit either; gVisor stays the floor for untrusted code";
            return Pick(Gvisor, MicroVm, $"untrusted code: gVisor's {Cs(Gvisor)} start {gv}; the microVM lost: its {Cs(MicroVm)} start is over the {p.LatencyBudgetMs:0} ms budget and over {AmortisedShare:P0} of a {p.DurationS:0.###} s run");
        }
        // Internal, trusted code: hygiene, not isolation. Hardened costs about what standard costs and removes primitives.
        var ex = Exposed(Hardened) is { } h && Exposed(Standard) is { } s ? $" ({h} exposed escape-surface checks vs {s})" : "";
        return Pick(Hardened, Standard, $"internal code needs hygiene, not isolation: the hardened container starts in {Cs(Hardened)} vs {Cs(Standard)} for standard and removes the attacker's primitives{ex}; gVisor/microVM would add latency for no security gain");
    }

    public sealed record RoutingRow(string Class, string Tier, double StartCostMsPerS, double ConcurrentInstances, double MemoryMb);

    /// <summary>Hybrid routing: per class the recommended tier, the cold-start time paid per second of traffic
    /// (rate × p50 start), and the memory held by the instances in flight (rate × (start + duration) × MB per instance).</summary>
    public IReadOnlyList<RoutingRow> Route(IReadOnlyList<WorkloadClass> mix, string? forceTier = null) =>
        mix.Select(c =>
        {
            var tier = forceTier ?? Recommend(c.Input).Tier;
            double cs = ColdStart(tier) ?? double.NaN;
            double inFlight = c.RatePerSecond * (cs / 1000 + c.Input.DurationS);
            return new RoutingRow(c.Name, tier, c.RatePerSecond * cs, inFlight, inFlight * (run.MemoryMb(tier) ?? double.NaN));
        }).ToList();
}
