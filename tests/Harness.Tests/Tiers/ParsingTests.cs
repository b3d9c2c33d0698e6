using Harness.Core;
using Harness.Images;
using Harness.Tiers;

namespace Harness.Tests.Tiers;

public class ParsingTests
{
    [Fact]
    public void I_can_read_pss_from_smaps_rollup_text()
    {
        const string text = "00400000-7ffd1 ---p 00000000 00:00 0  [rollup]\nRss:                5860 kB\nPss:                1234 kB\nPss_Anon:            800 kB\n";
        Assert.Equal(1234, SmapsRollup.ParsePssKb(text));
    }

    [Fact]
    public void I_cannot_read_pss_from_text_without_it() =>
        Assert.Throws<FormatException>(() => SmapsRollup.ParsePssKb("Rss: 1 kB\n"));

    [Fact]
    public void I_can_parse_the_library_closure_from_ldd_output()
    {
        const string ldd = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f4b)\n" +
                           "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f4a)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f4c)\n";
        Assert.Equal(["/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"], ImageBuilder.ParseLdd(ldd));
    }

    private const string Good = "SBW-RESULT {\"workload\":\"getpid\",\"parameters\":{\"iterations\":\"10\"},\"metrics\":[{\"name\":\"getpid_ns_per_op\",\"unit\":\"ns\",\"value\":210.5}],\"cpu_user_ms\":1,\"cpu_sys_ms\":2,\"max_rss_kb\":5000,\"wall_ms\":3}";

    [Fact]
    public void I_can_parse_a_result_line_among_kernel_messages()
    {
        var r = WorkloadReport.FromStdout(["[ 1.0] random: crng init", "SBW-READY getpid", "\r" + Good, "SBW-EXIT 0"], out var err);
        Assert.Null(err);
        Assert.Equal(210.5, r!.Metric("getpid_ns_per_op"));
        Assert.Equal("10", r.Parameters["iterations"]);
    }

    [Theory]
    [InlineData("SBW-RESULT {not json", "malformed")]
    [InlineData("SBW-RESULT {\"workload\":\"x\"}", "lacks")]
    [InlineData("SBW-RESULT {\"workload\":\"x\",\"parameters\":{},\"metrics\":[{\"name\":\"\",\"unit\":\"u\",\"value\":1}]}", "without a name")]
    [InlineData("nothing here", "no result line")]
    public void I_get_an_error_not_an_exception_for_a_hostile_result_line(string line, string expected)
    {
        Assert.Null(WorkloadReport.FromStdout([line], out var err));
        Assert.Contains(expected, err);
    }

    [Fact]
    public void I_get_an_error_for_an_oversized_result_line()
    {
        Assert.Null(WorkloadReport.FromStdout(["SBW-RESULT " + new string('x', 5 << 20)], out var err));
        Assert.Contains("limit", err);
    }

    [Fact]
    public void I_can_read_the_guest_exit_code_from_the_serial_console() =>
        Assert.Equal(3, QemuMicrovmTier.ExitCodeFromSerial(["SBW-READY fault", "[ 2.1] x", "SBW-EXIT 3", "[ 2.2] reboot: Restarting system"]));

    [Fact]
    public void I_can_strip_terminal_escapes_from_sandbox_text() =>
        Assert.DoesNotContain('\u001b', Text.Sanitize("\u001b[31mred\u001b[0m"));

    [Fact]
    public void I_get_a_clear_error_for_an_unknown_tier()
    {
        var e = Assert.Throws<HarnessException>(() => TierRegistry.Select([new Fakes.FakeTier(_ => 1)], ["nope"]));
        Assert.Contains("unknown tier(s) nope", e.Message);
        Assert.Contains("fake-tier", e.Message);
    }

    [Fact]
    public void I_get_a_clear_error_for_an_unknown_workload()
    {
        var e = Assert.Throws<HarnessException>(() => Harness.Measurements.WorkloadCatalog.Select(["bogus"]));
        Assert.Contains("unknown workload(s) bogus", e.Message);
    }
}
