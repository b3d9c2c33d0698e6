using Harness.Core;
using Harness.Reporting;

namespace Harness.Tests.Reporting;

/// <summary>Report generation from results/sample: SAMPLE DATA copied from a real quick run on this machine type.</summary>
public class ReportTests
{
    private static string SampleCopy()
    {
        var src = Path.Combine(HarnessPaths.Default().RepoRoot, "results", "sample");
        var dst = Directory.CreateTempSubdirectory("sbh-report-").FullName;
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)));
        return dst;
    }

    [Fact]
    public void I_can_write_the_report_plots_and_summary_for_a_run_folder()
    {
        var dir = SampleCopy();
        try
        {
            var files = ReportBuilder.Write(dir);
            foreach (var f in files) Assert.True(new FileInfo(Path.Combine(dir, f)).Length > 0, f);
            foreach (var png in files.Where(f => f.EndsWith(".png")))
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(dir, png))[..4]);
            var md = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Contains("Seed-claim check", md);
            Assert.Contains("Escape-surface conformance", md);
            Assert.Contains("TCG", md);
            var html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.Contains("data:image/png;base64,", html);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void I_can_check_every_seed_claim_that_the_sample_run_measured()
    {
        var run = RunData.Load(Path.Combine(HarnessPaths.Default().RepoRoot, "results", "sample"));
        var checks = ClaimChecker.Check(run);
        Assert.Equal(SeedClaims.All.Count, checks.Count);
        Assert.All(checks.Where(c => c.Claim.Metric == "cold_start_ms"), c => Assert.NotEqual(ClaimVerdict.NotMeasured, c.Verdict));
        Assert.Contains(checks, c => c.Claim.TierClass == "qemu-microvm" && c.Caveat.Contains("TCG"));
    }

    [Fact]
    public void I_can_escape_hostile_text_in_markdown_and_html()
    {
        var doc = new ReportDocument().Table(["a"], [["x|y <script>alert(1)</script> \u001b[31m"]]);
        var md = doc.ToMarkdown();
        Assert.Contains("x\\|y", md);
        Assert.DoesNotContain("<script>", md);
        Assert.DoesNotContain("<script>", doc.ToHtml("/tmp", "t"));
        Assert.DoesNotContain("\u001b", md);
    }

    [Fact]
    public void I_get_a_clear_error_for_a_folder_that_is_not_a_run()
    {
        var dir = Directory.CreateTempSubdirectory("sbh-notrun-").FullName;
        try { Assert.Contains("not a run folder", Assert.Throws<HarnessException>(() => RunData.Load(dir)).Message); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void I_get_a_clear_error_for_a_run_of_an_older_format()
    {
        var dir = Directory.CreateTempSubdirectory("sbh-old-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "run.json"), "{\"format_version\": 0, \"run_id\": \"x\"}");
            Assert.Contains("format 0", Assert.Throws<HarnessException>(() => RunData.Load(dir)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
