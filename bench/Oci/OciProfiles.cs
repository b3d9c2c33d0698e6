using Harness.Core;
using Harness.Tiers;

namespace Harness.Oci;

public enum ContainerProfile { Standard, Hardened }

/// <summary>Builds config.json for the two container profiles. Standard mirrors Docker's defaults; hardened is what a
/// careful platform team ships. Control runs apply a <see cref="SandboxWeakening"/> on top.</summary>
public static class OciProfiles
{
    public const string WorkloadPath = "/opt/sbw/sbw";
    public const uint NonRootUid = 65532; // distroless "nonroot"
    public const long HardenedMemoryLimit = 256L << 20;
    public const long HardenedPidsLimit = 128;

    private static readonly IReadOnlyList<string> DockerMasked =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
        "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly IReadOnlyList<string> DockerReadonly =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public static OciSpec Build(ContainerProfile profile, string rootfs, SandboxRequest request)
    {
        var w = request.Weakening;
        bool hardened = profile == ContainerProfile.Hardened;
        var env = new List<string> { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/tmp" };
        env.AddRange(request.Environment.Select(kv => $"{kv.Key}={kv.Value}"));

        var caps = w.Privileged ? Capabilities.AllOnThisHost() : hardened ? [] : Capabilities.DockerDefault;
        var process = new OciProcess(
            Terminal: false,
            User: hardened && !w.Privileged ? new OciUser(NonRootUid, NonRootUid) : new OciUser(0, 0),
            Args: [WorkloadPath, .. request.WorkloadArgs],
            Env: env,
            Cwd: "/",
            Capabilities: Capabilities.Set(caps),
            Rlimits: [new OciRlimit("RLIMIT_NOFILE", 1024, 1024)],
            NoNewPrivileges: hardened && !w.Privileged);

        var mounts = new List<OciMount>
        {
            new("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
            new("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            new("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]),
            new("/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
            new("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
            new("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", w.Privileged ? "rw" : "ro"]),
            new("/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", w.Privileged ? "rw" : "ro"]),
        };
        // runc 1.1 dropped "mode=1777" here (the tmpfs came up 0755 root): own it by the workload's uid instead.
        if (hardened) mounts.Add(new("/tmp", "tmpfs", "tmpfs", ["nosuid", "nodev", "noexec", "mode=01777", $"uid={NonRootUid}", $"gid={NonRootUid}", "size=65536k"]));
        foreach (var (host, sandbox) in w.BindMounts) mounts.Add(new(sandbox, "bind", host, ["rbind", "rw"]));

        var namespaces = new List<OciNamespace> { new("pid"), new("ipc"), new("uts"), new("mount") };
        // Every tier gets an empty network namespace (loopback only): sandboxes have no egress.
        namespaces.Add(w.NetworkNamespacePath is null ? new("network") : new("network", w.NetworkNamespacePath));
        if (hardened) namespaces.Add(new("cgroup"));

        var readonlyPaths = DockerReadonly.Where(p => !(w.WritableProcSys && p == "/proc/sys")).ToList();
        var linux = new OciLinux(
            Namespaces: namespaces,
            Resources: new OciResources(
                [new OciDeviceRule(false, "rwm")],
                hardened ? new OciMemory(HardenedMemoryLimit, HardenedMemoryLimit) : null,
                hardened ? new OciPids(HardenedPidsLimit) : null),
            CgroupsPath: $"/{HarnessPaths.CgroupParent}/{request.InstanceId}",
            Seccomp: w.Privileged ? null : hardened ? SeccompProfiles.Allowlist() : SeccompProfiles.DenyList(),
            MaskedPaths: w.Privileged ? [] : hardened ? [.. DockerMasked, "/proc/kallsyms", "/proc/modules", "/proc/kmsg"] : DockerMasked,
            ReadonlyPaths: w.Privileged ? [] : readonlyPaths);

        return new OciSpec("1.0.2", process, new OciRoot(rootfs, Readonly: hardened), request.InstanceId[..Math.Min(16, request.InstanceId.Length)], mounts, linux);
    }
}
