using Harness.Core;
using Harness.Tiers;

namespace Harness.Conformance;

public enum Verdict { Pass, Fail, Info, Missing }

/// <summary>One row of conformance.csv.</summary>
public sealed record ConformanceRow(string Tier, string Check, string Category, string Outcome, string Expected, string Verdict, string Evidence, string Why);

public sealed record ProbeRun(string Tier, ProbeReport Report, SandboxRun Run);

/// <summary>Runs the probe inside a tier with the host facts it compares against, and judges it.</summary>
public static class ConformanceRunner
{
    /// <summary>Planted in the harness's own environment: a sandbox that can read it has reached the host's secrets.</summary>
    public static readonly string Canary = "sbh-canary-" + Guid.NewGuid().ToString("N")[..16];

    public static IReadOnlyList<string> ProbeArgs(string? sink = null)
    {
        System.Environment.SetEnvironmentVariable("SBH_CANARY", Canary);
        var host = HostFacts.Read();
        var args = new List<string> { "probe", "--host-kernel", host.Kernel, "--host-pidns", NsInode("pid"), "--host-netns", NsInode("net"), "--host-cpu", host.Cpu, "--canary", Canary,
            "--host-capbnd", Oci.Capabilities.HostBoundingSet().ToString("x") };
        if (sink is not null) { args.Add("--sink"); args.Add(sink); }
        return args;
    }

    public static string NsInode(string ns) =>
        (new FileInfo($"/proc/self/ns/{ns}").LinkTarget ?? "").Split(":[").Last().TrimEnd(']');

    public static async Task<ProbeRun> ProbeAsync(ITier tier, TimeSpan timeout, CancellationToken ct, SandboxWeakening? weakening = null,
        IReadOnlyDictionary<string, string>? env = null, string? sink = null)
    {
        var req = new SandboxRequest(ProbeArgs(sink), timeout) { Weakening = weakening ?? SandboxWeakening.None, Environment = env ?? new Dictionary<string, string>() };
        var run = await tier.RunAsync(req, ct);
        var report = ProbeReport.Parse(run.Stdout, out var error)
            ?? throw new HarnessException($"{tier.Id}: probe failed ({run.Outcome}, exit {run.ExitCode}): {error}; stderr: {Text.Sanitize(run.StderrTail, 600)}");
        return new ProbeRun(tier.Id, report, run);
    }

    public static IReadOnlyList<ConformanceRow> Judge(string tier, ProbeReport report, IReadOnlyDictionary<string, Expectation> expected)
    {
        var rows = new List<ConformanceRow>();
        foreach (var c in report.Checks)
        {
            var e = expected.GetValueOrDefault(c.Id);
            var verdict = e is null ? Verdict.Missing : e.Expect == "info" ? Verdict.Info : e.Expect == c.Outcome ? Verdict.Pass : Verdict.Fail;
            rows.Add(new ConformanceRow(tier, c.Id, c.Category, c.Outcome, e?.Expect ?? "-", verdict.ToString().ToLowerInvariant(), Text.Sanitize(c.Evidence, 400), e?.Why ?? "no expectation"));
        }
        foreach (var (id, e) in expected.Where(kv => report.Checks.All(c => c.Id != kv.Key)))
            rows.Add(new ConformanceRow(tier, id, "-", "absent", e.Expect, Verdict.Missing.ToString().ToLowerInvariant(), "the probe did not report this check", e.Why));
        return rows;
    }
}
