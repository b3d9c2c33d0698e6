using Harness.Conformance;
using Harness.Core;

namespace Harness.Tests.Results;

public class ExpectationsTests
{
    private static HarnessPaths With(string expectations)
    {
        var repo = Directory.CreateTempSubdirectory("sbh-repo-").FullName;
        Directory.CreateDirectory(Path.Combine(repo, "conformance"));
        File.WriteAllText(Path.Combine(repo, "conformance", Expectations.FileName), expectations);
        return new HarnessPaths(repo, "/tmp/x", "/tmp/y", Path.Combine(repo, "results"));
    }

    [Fact]
    public void I_get_a_clear_error_for_a_malformed_expectations_file()
    {
        var p = With("{ not json");
        try { Assert.Contains("cannot read", Assert.Throws<HarnessException>(() => Expectations.Load(p)).Message); }
        finally { Directory.Delete(p.RepoRoot, true); }
    }

    [Fact]
    public void I_get_a_clear_error_for_an_unknown_outcome_word()
    {
        var p = With("{\"gvisor\": {\"io_uring\": {\"expect\": \"allowed\", \"why\": \"x\"}}}");
        try { Assert.Contains("expects 'allowed'", Assert.Throws<HarnessException>(() => Expectations.Load(p)).Message); }
        finally { Directory.Delete(p.RepoRoot, true); }
    }

    [Fact]
    public void I_can_judge_a_probe_report_against_expectations()
    {
        var report = new ProbeReport("6.1", true, [new ProbeCheck("a", "c", "exposed", "e"), new ProbeCheck("b", "c", "blocked", "e"), new ProbeCheck("i", "c", "info", "e")]);
        var rows = ConformanceRunner.Judge("t", report, new Dictionary<string, Expectation>
        {
            ["a"] = new("blocked", "why"), ["b"] = new("blocked", "why"), ["i"] = new("info", "why"), ["missing"] = new("blocked", "why"),
        });
        Assert.Equal("fail", rows.Single(r => r.Check == "a").Verdict);
        Assert.Equal("pass", rows.Single(r => r.Check == "b").Verdict);
        Assert.Equal("info", rows.Single(r => r.Check == "i").Verdict);
        Assert.Equal("missing", rows.Single(r => r.Check == "missing").Verdict);
    }

    [Theory]
    [InlineData("SBW-PROBE {bad", "malformed")]
    [InlineData("SBW-PROBE {\"kernel\":\"x\",\"kernel_is_host\":true,\"checks\":[{\"id\":\"a\",\"category\":\"c\",\"outcome\":\"pwned\",\"evidence\":\"\"}]}", "unknown outcome")]
    [InlineData("nothing", "no report")]
    public void I_get_an_error_for_a_hostile_probe_report(string line, string expected)
    {
        Assert.Null(ProbeReport.Parse([line], out var err));
        Assert.Contains(expected, err);
    }
}
