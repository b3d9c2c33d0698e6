using System.Diagnostics;
using Harness.Core;

namespace Harness.Tests.Tiers;

/// <summary>The process layer the harness times with (posix_spawn + pidfd), driven by /bin/sh.</summary>
public class SandboxProcessTests
{
    private static SandboxProcess Sh(string script) => SandboxProcess.Start("/bin/sh", ["-c", script], Stopwatch.StartNew());

    [Fact]
    public async Task I_can_get_the_exit_code_and_the_instants_in_order()
    {
        await using var p = Sh("echo early; sleep 0.05; echo SBW-READY x; sleep 0.05; exit 3");
        var exit = await p.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, exit.ExitCode);
        var first = await p.FirstByte;
        var ready = await p.Ready;
        Assert.True(first < ready && ready < exit.At, $"first {first}, ready {ready}, exit {exit.At}");
        Assert.True(ready.TotalMilliseconds >= 45, $"ready at {ready.TotalMilliseconds} ms, the script slept 50 ms first");
        Assert.Equal(["early", "SBW-READY x"], p.StdoutLines());
    }

    [Fact]
    public async Task I_can_read_stderr_and_report_a_signal_death_as_128_plus_the_signal()
    {
        await using var p = Sh("echo oops >&2; kill -TERM $$");
        var exit = await p.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(128 + 15, exit.ExitCode);
        Assert.Equal("oops", p.StderrTail());
    }

    [Fact]
    public async Task I_can_start_children_with_default_signals_null_stdin_and_the_managed_environment()
    {
        // The runtime ignores SIGPIPE; a sandbox must not inherit that. Environment.SetEnvironmentVariable does not
        // reach libc's environ, so the child would not see the variable if we passed environ.
        Environment.SetEnvironmentVariable("SBH_TEST_ENV_PROBE", "seen");
        await using var p = Sh("grep -E '^Sig(Ign|Blk)' /proc/self/status; readlink /proc/self/fd/0; echo \"env=$SBH_TEST_ENV_PROBE\"");
        var exit = await p.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, exit.ExitCode);
        var lines = p.StdoutLines();
        // Standard signals 1-31 only: glibc keeps its internal real-time signals (32, 33) as it likes.
        ulong Mask(string field) => Convert.ToUInt64(lines.Single(l => l.StartsWith(field + ":")).Split('\t')[1], 16) & 0x7fff_ffff;
        Assert.Equal(0ul, Mask("SigIgn"));
        Assert.Equal(0ul, Mask("SigBlk"));
        Assert.Contains("/dev/null", lines);
        Assert.Contains("env=seen", lines);
    }

    [Fact]
    public async Task I_can_kill_a_process_tree_and_get_137()
    {
        var marker = $"sbh-test-{Guid.NewGuid():N}";
        var p = Sh($"sh -c 'sleep 600; echo {marker}' & wait");
        await Task.Delay(200);
        p.Kill();
        var exit = await p.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(137, exit.ExitCode);
        await p.DisposeAsync();
        await Task.Delay(200);
        Assert.DoesNotContain(HostProcesses.Snapshot(), x => x.CommandLine.Contains(marker));
    }

    [Fact]
    public async Task I_can_stop_waiting_for_pipes_a_grandchild_keeps_open_after_the_parent_exited()
    {
        // Like a detached container: the started process exits at once, a descendant keeps stdout open.
        var p = Sh("sleep 3 & echo SBW-READY detached");
        await p.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.False(p.Exited.IsCompleted); // still draining: the grandchild holds the pipe
        var sw = Stopwatch.StartNew();
        await p.DisposeAsync();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"dispose took {sw.Elapsed}");
        Assert.True((await p.Exited).At < TimeSpan.FromSeconds(1), "the exit instant is the parent's exit, not the pipe's end");
    }

    [Fact]
    public void I_cannot_start_a_binary_that_does_not_exist() =>
        Assert.Throws<System.ComponentModel.Win32Exception>(() => SandboxProcess.Start("/nonexistent/sbh-binary", [], Stopwatch.StartNew()));
}
