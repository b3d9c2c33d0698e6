using Harness.Conformance;

namespace Harness.Conformance.Tests;

/// <summary>Every tier × check against conformance/expectations.json. "info" checks have no firm expectation:
/// they are reported as skipped with the observed outcome, never counted as passed.</summary>
[Collection("probe")]
public class EscapeSurfaceTests(ProbeFixture fx)
{
    [SkippableTheory]
    [MemberData(nameof(ProbeFixture.Cases), MemberType = typeof(ProbeFixture))]
    public async Task I_can_hold_each_tier_to_its_expected_outcome(string tier, string check)
    {
        var probe = await fx.ProbeAsync(tier);
        var expected = fx.Expectations.For(tier)[check];
        var c = probe.Report.Checks.SingleOrDefault(x => x.Id == check);
        Assert.True(c is not null, $"the probe did not report {check}");
        Skip.If(expected.Expect == "info", $"no firm expectation ({expected.Why}); observed {c.Outcome}: {c.Evidence}");
        Assert.True(expected.Expect == c.Outcome, $"{tier} {check}: observed {c.Outcome}, expected {expected.Expect} ({expected.Why}); evidence: {c.Evidence}");
    }

    [SkippableFact]
    public async Task I_can_see_the_hardened_tier_expose_strictly_less_than_the_standard_tier()
    {
        var standard = await fx.ProbeAsync("runc-standard");
        var hardened = await fx.ProbeAsync("runc-hardened");
        int Exposed(ProbeRun r) => r.Report.Checks.Count(c => c.Outcome == "exposed");
        Assert.True(Exposed(hardened) < Exposed(standard), $"hardened exposes {Exposed(hardened)}, standard {Exposed(standard)}");
        // Nothing the hardened tier exposes is something the standard tier blocks.
        foreach (var c in hardened.Report.Checks.Where(c => c.Outcome == "exposed"))
            Assert.Equal("exposed", standard.Report.Checks.Single(s => s.Id == c.Id).Outcome);
    }

    [SkippableFact]
    public async Task I_can_see_the_sink_is_unreachable_from_every_tier_by_default()
    {
        foreach (var tier in Harness.Tiers.TierRegistry.Core.Where(t => fx.Tiers.Tiers[t].Status.Usable))
        {
            var probe = await fx.ProbeAsync(tier);
            var egress = probe.Report.Checks.Single(c => c.Id == "egress");
            Assert.True(egress.Outcome == "blocked", $"{tier}: {egress.Evidence}");
            Assert.Contains(fx.Sink!.Endpoint, egress.Evidence); // it really tried the sink
        }
    }
}
