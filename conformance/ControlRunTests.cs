using System.Net.Sockets;
using Harness.Conformance;
using Harness.Tiers;

namespace Harness.Conformance.Tests;

/// <summary>Control runs: the probe in deliberately weakened standard containers. Each must flip the checks it targets
/// from blocked to exposed, or the checks could not fail and would prove nothing.</summary>
[Collection("probe")]
public class ControlRunTests(ProbeFixture fx)
{
    private const string Tier = "runc-standard";

    private async Task<(ProbeRun Baseline, ProbeRun Weakened)> Both(SandboxWeakening w, IReadOnlyDictionary<string, string>? env = null, string? sink = null)
    {
        var baseline = await fx.ProbeAsync(Tier);
        var tier = fx.Tiers.Require(Tier);
        var weakened = await ConformanceRunner.ProbeAsync(tier, TimeSpan.FromSeconds(60), default, w, env, sink ?? fx.Sink!.Endpoint);
        return (baseline, weakened);
    }

    private static void AssertFlips(ProbeRun baseline, ProbeRun weakened, params string[] checks)
    {
        foreach (var id in checks)
        {
            var before = baseline.Report.Checks.Single(c => c.Id == id);
            var after = weakened.Report.Checks.Single(c => c.Id == id);
            Assert.True(before.Outcome == "blocked", $"{id} should be blocked in the normal sandbox: {before.Outcome} ({before.Evidence})");
            Assert.True(after.Outcome == "exposed", $"{id} should flip to exposed in the control run: {after.Outcome} ({after.Evidence})");
        }
    }

    [SkippableFact]
    public async Task I_can_flip_capability_seccomp_and_kernel_checks_with_a_privileged_container()
    {
        var (b, w) = await Both(new SandboxWeakening { Privileged = true });
        AssertFlips(b, w, "caps.dangerous", "caps.full_set", "seccomp.mode", "mount.tmpfs", "mount.cgroup", "open_by_handle_at", "io_uring", "userfaultfd", "keyring");
        // Module loading can only flip where the host kernel supports modules at all.
        if (File.Exists("/proc/modules")) AssertFlips(b, w, "kernel_modules");
    }

    [SkippableFact]
    public async Task I_can_flip_the_runtime_socket_check_with_a_bind_mounted_socket()
    {
        var path = Path.Combine(fx.Tiers.Paths.StateRoot, $"ctl-{Guid.NewGuid():N}.sock");
        Directory.CreateDirectory(fx.Tiers.Paths.StateRoot);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        try
        {
            var (b, w) = await Both(new SandboxWeakening { BindMounts = [(path, "/run/containerd/containerd.sock")] });
            AssertFlips(b, w, "runtime_sockets");
        }
        finally { File.Delete(path); }
    }

    [SkippableFact]
    public async Task I_can_flip_the_procfs_write_check_with_a_writable_proc_sys()
    {
        var (b, w) = await Both(new SandboxWeakening { WritableProcSys = true });
        AssertFlips(b, w, "procfs_writes");
    }

    [SkippableFact]
    public async Task I_can_flip_the_secret_check_by_passing_the_canary_in()
    {
        var (b, w) = await Both(SandboxWeakening.None, new Dictionary<string, string> { ["LEAKED"] = ConformanceRunner.Canary });
        AssertFlips(b, w, "environment_secrets");
    }

    [SkippableFact]
    public async Task I_can_flip_the_egress_check_by_joining_the_sinks_namespace()
    {
        var (b, w) = await Both(new SandboxWeakening { NetworkNamespacePath = fx.Sink!.NamespacePath });
        AssertFlips(b, w, "egress");
    }
}
