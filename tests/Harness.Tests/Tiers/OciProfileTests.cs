using Harness.Oci;
using Harness.Tiers;

namespace Harness.Tests.Tiers;

public class OciProfileTests
{
    private static readonly SandboxRequest Req = new(["getpid"], TimeSpan.FromSeconds(5));

    [Fact]
    public void I_can_build_a_hardened_spec_with_every_restriction()
    {
        var s = OciProfiles.Build(ContainerProfile.Hardened, "/r", Req);
        Assert.True(s.Root.Readonly);
        Assert.Empty(s.Process.Capabilities.Bounding);
        Assert.True(s.Process.NoNewPrivileges);
        Assert.NotEqual(0u, s.Process.User.Uid);
        Assert.Equal("SCMP_ACT_ERRNO", s.Linux.Seccomp!.DefaultAction);
        Assert.DoesNotContain("mount", s.Linux.Seccomp.Syscalls.SelectMany(r => r.Names));
        Assert.NotNull(s.Linux.Resources!.Memory);
        Assert.NotNull(s.Linux.Resources.Pids);
        Assert.Contains(s.Linux.Namespaces, n => n.Type == "network" && n.Path is null);
        Assert.Contains("/proc/kcore", s.Linux.MaskedPaths!);
        Assert.Contains(s.Mounts, m => m.Destination == "/tmp" && m.Options!.Contains("noexec"));
    }

    [Fact]
    public void I_can_build_a_standard_spec_with_dockers_defaults()
    {
        var s = OciProfiles.Build(ContainerProfile.Standard, "/r", Req);
        Assert.False(s.Root.Readonly);
        Assert.Equal(Capabilities.DockerDefault, s.Process.Capabilities.Bounding);
        Assert.Equal(0u, s.Process.User.Uid);
        Assert.Equal("SCMP_ACT_ALLOW", s.Linux.Seccomp!.DefaultAction);
        Assert.Contains("mount", s.Linux.Seccomp.Syscalls.First().Names);
        Assert.Contains(s.Linux.Seccomp.Syscalls, r => r.Names.Contains("clone") && r.Args is { Count: 1 });
        Assert.Contains(s.Linux.Namespaces, n => n.Type == "network");
        Assert.Contains("\"ociVersion\"", s.ToJson());
    }

    [Fact]
    public void I_can_weaken_a_spec_only_when_asked_for_a_control_run()
    {
        var s = OciProfiles.Build(ContainerProfile.Standard, "/r", Req with { Weakening = new SandboxWeakening { Privileged = true, WritableProcSys = true } });
        Assert.Equal(Capabilities.AllOnThisHost(), s.Process.Capabilities.Bounding);
        Assert.Contains("CAP_SYS_ADMIN", s.Process.Capabilities.Bounding);
        Assert.Null(s.Linux.Seccomp);
        Assert.DoesNotContain("/proc/sys", s.Linux.ReadonlyPaths!);
    }
}
