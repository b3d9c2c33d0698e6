using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Sbw.Core;
using static Sbw.Probe.Outcome;

namespace Sbw.Probe;

/// <summary>The escape-surface probe: runs inside the sandbox as untrusted code would (no shell, no helpers) and
/// reports, per check, what it could reach and the evidence. The host holds the expectations.</summary>
public sealed unsafe partial class ProbeWorkload : IWorkload
{
    public const string Marker = "SBW-PROBE ";
    public string Name => "probe";
    public string Help => "--host-kernel R --host-pidns INODE --host-netns INODE --host-cpu MODEL [--host-capbnd HEX] [--canary VALUE] [--sink IP:PORT]";

    private readonly List<Check> _checks = [];
    private bool _hostKernel;
    private ulong _hostCapBnd;

    public int Run(Args args)
    {
        string hostKernel = args.String("host-kernel") ?? throw new UsageException("--host-kernel is required");
        string hostPidNs = args.String("host-pidns") ?? "";
        string hostNetNs = args.String("host-netns") ?? "";
        string hostCpu = args.String("host-cpu") ?? "";
        string? canary = args.String("canary");
        string? sink = args.String("sink");
        _hostCapBnd = args.String("host-capbnd") is { } hc ? Hex(hc) : 0;
        args.EnsureAllUsed();
        Output.Ready(Name);
        string release = Uname();
        bool gvisor = File.Exists("/proc/self/gvisor") || Read("/proc/version").Contains("gVisor", StringComparison.OrdinalIgnoreCase) || release == "4.4.0";
        _hostKernel = release == hostKernel && !gvisor;

        Privileges();
        KernelSurface(release, hostKernel);
        HostResources(hostPidNs, hostNetNs, hostCpu, canary);
        Filesystem();
        Network(sink);

        var doc = new ProbeDocument(release, _hostKernel, _checks);
        Output.WriteLine(Marker + JsonSerializer.Serialize(doc, ProbeJson.Default.ProbeDocument));
        Output.Emit(Name, new Dictionary<string, string>(),
        [
            new Metric("checks", "count", _checks.Count),
            new Metric("exposed", "count", _checks.Count(c => c.Outcome == Exposed)),
            new Metric("blocked", "count", _checks.Count(c => c.Outcome == Blocked)),
            new Metric("virtualized", "count", _checks.Count(c => c.Outcome == Virtualized)),
        ]);
        return 0;
    }

    private void Add(string id, string cat, string outcome, string evidence) => _checks.Add(new Check(id, cat, outcome, evidence));

    /// <summary>Reachable kernel code is "exposed" only when it is the host's kernel.</summary>
    private string Reach(bool reachable) => !reachable ? Blocked : _hostKernel ? Exposed : Virtualized;

    private void AddSyscall(string id, string cat, (long V, int E) r, string what)
    {
        var cls = r.V >= 0 ? Errno.Class.Reachable : Errno.Classify(r.E);
        var evidence = $"{what}: {(r.V >= 0 ? $"ok ({r.V})" : Errno.Name(r.E))}{(cls == Errno.Class.NotImplemented ? " (not implemented)" : "")}";
        Add(id, cat, Reach(cls == Errno.Class.Reachable), evidence);
        if (r.V >= 3 && id is "io_uring" or "userfaultfd" or "perf_event_open" or "bpf") Native.Call(3, r.V); // close the fd
    }

    // ---------- privileges ----------
    private void Privileges()
    {
        const string cat = "privileges";
        var status = Read("/proc/self/status");
        ulong capEff = Hex(Field(status, "CapEff")), capBnd = Hex(Field(status, "CapBnd"));
        var dangerous = new (int Bit, string Name)[] { (21, "SYS_ADMIN"), (16, "SYS_MODULE"), (19, "SYS_PTRACE"), (2, "DAC_READ_SEARCH"), (17, "SYS_RAWIO"), (12, "NET_ADMIN"), (39, "BPF"), (38, "PERFMON") };
        var held = dangerous.Where(d => (capEff & (1UL << d.Bit)) != 0).Select(d => d.Name).ToList();
        Add("caps.dangerous", cat, Reach(held.Count > 0), $"CapEff={capEff:x16} dangerous held: {(held.Count == 0 ? "none" : string.Join(",", held))}");
        int last = int.TryParse(Read("/proc/sys/kernel/cap_last_cap").Trim(), out var l) ? l : 40;
        // "Every capability" is every one up to cap_last_cap that the host itself holds (a host may lack some).
        ulong all = (last >= 63 ? ulong.MaxValue : (1UL << (last + 1)) - 1) & (_hostCapBnd == 0 || !_hostKernel ? ulong.MaxValue : _hostCapBnd);
        Add("caps.full_set", cat, Reach((capBnd & all) == all), $"CapBnd={capBnd:x16} cap_last_cap={last} host CapBnd={_hostCapBnd:x16}");
        var nnp = Native.Call(157, 39); // PR_GET_NO_NEW_PRIVS
        Add("no_new_privs", cat, nnp.V == 1 ? Blocked : Reach(true), $"PR_GET_NO_NEW_PRIVS={(nnp.V >= 0 ? nnp.V.ToString() : Errno.Name(nnp.E))}");
        var seccomp = Field(status, "Seccomp");
        Add("seccomp.mode", cat, seccomp == "2" ? Blocked : Reach(true), $"Seccomp: {seccomp}");
        long* ids = stackalloc long[3];
        int* u = (int*)ids;
        Native.Call(118, (long)u, (long)(u + 1), (long)(u + 2)); // getresuid
        Add("uid", cat, u[0] == 0 || u[1] == 0 || u[2] == 0 ? Reach(true) : Blocked, $"resuid={u[0]},{u[1]},{u[2]} uid_map={Read("/proc/self/uid_map").Trim().Replace('\n', ';')}");
        var suid = PathDirs.SelectMany(SafeFiles).Where(f => (File.GetUnixFileMode(f) & UnixFileMode.SetUser) != 0 && IsRegular(f)).ToList();
        Add("setuid_binaries", cat, suid.Count > 0 ? Exposed : Blocked, $"{suid.Count} setuid: {string.Join(",", suid.Take(8))}");
        Add("user_namespaces", cat, Reach(CloneUserNs(out var ev)), ev);
        Add("mount.tmpfs", cat, Reach(TryMount("tmpfs", "tmpfs", null, out var ev1)), ev1);
        Add("mount.cgroup", cat, Reach(TryMount("cgroup", "cgroup", "memory", out var ev2)), ev2);
    }

    /// <summary>clone(CLONE_NEWUSER|CLONE_NEWNS) like fork; the child exits at once with a raw exit_group.</summary>
    private static bool CloneUserNs(out string evidence)
    {
        const long flags = 0x10000000 | 0x00020000 | 17; // CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD
        var r = Native.Call(56, flags, 0, 0, 0, 0);
        if (r.V == 0) { Native.Syscall(231, 0, 0, 0, 0, 0, 0); }
        if (r.V < 0) { evidence = $"clone(NEWUSER|NEWNS): {Errno.Name(r.E)}"; return Errno.Classify(r.E) == Errno.Class.Reachable && r.E != Errno.EINVAL; }
        int status;
        Native.Call(61, r.V, (long)&status, 0, 0); // wait4
        evidence = $"clone(NEWUSER|NEWNS): child {r.V} created";
        return true;
    }

    private static bool TryMount(string src, string fstype, string? data, out string evidence)
    {
        var dir = Directory.Exists("/dev/shm") ? $"/dev/shm/sbw-mnt-{fstype}" : $"/tmp/sbw-mnt-{fstype}";
        try { Directory.CreateDirectory(dir); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { dir = "/proc/self"; }
        int rc = Native.Mount(src, dir, fstype, 0, data);
        int err = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (rc == 0) Native.Call(166, (long)Marshal.StringToHGlobalAnsi(dir), 2); // umount2 MNT_DETACH
        try { Directory.Delete(dir); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        evidence = $"mount {fstype} on {dir}: {Errno.Name(err)}";
        return rc == 0 || (Errno.Classify(err) == Errno.Class.Reachable && err != Errno.ENOENT && err != Errno.EINVAL);
    }

    // ---------- kernel attack surface ----------
    private static readonly HashSet<int> SweepSkip =
    [
        3, 15, 23, 34, 56, 57, 58, 60, 68, 95, 101, 112, 153, 163, 170, 171, 218, 231, 246, 270, 271, 317, 320, 334, 435, 436,
    ];

    private void KernelSurface(string release, string hostKernel)
    {
        const string cat = "kernel";
        int reach = 0, denied = 0, notImpl = 0, n = 0;
        foreach (var nr in Enumerable.Range(0, 335).Concat(Enumerable.Range(424, 39)))
        {
            if (SweepSkip.Contains(nr)) continue;
            n++;
            var r = Native.Call(nr);
            switch (r.V >= 0 ? Errno.Class.Reachable : Errno.Classify(r.E))
            {
                case Errno.Class.Reachable: reach++; break;
                case Errno.Class.Denied: denied++; break;
                default: notImpl++; break;
            }
        }
        Add("syscall_sweep", cat, Info, $"{n} syscalls with zero args: reachable={reach} denied={denied} not-implemented={notImpl}");
        byte* p = stackalloc byte[128];
        new Span<byte>(p, 128).Clear();
        AddSyscall("io_uring", cat, Native.Call(425, 1, (long)p), "io_uring_setup(1)");
        AddSyscall("userfaultfd", cat, Native.Call(323, 0), "userfaultfd(0)");
        // BPF_PROG_LOAD of a 2-instruction socket filter (r0 = 0; exit).
        ulong* insns = stackalloc ulong[2];
        insns[0] = 0x00000000000000b7; insns[1] = 0x0000000000000095;
        byte* license = stackalloc byte[4] { (byte)'G', (byte)'P', (byte)'L', 0 };
        new Span<byte>(p, 128).Clear();
        *(uint*)p = 1; *(uint*)(p + 4) = 2; *(ulong*)(p + 8) = (ulong)insns; *(ulong*)(p + 16) = (ulong)license;
        AddSyscall("bpf", cat, Native.Call(321, 5, (long)p, 72), "bpf(BPF_PROG_LOAD socket filter)");
        new Span<byte>(p, 128).Clear();
        *(uint*)p = 1; *(uint*)(p + 4) = 128; // PERF_TYPE_SOFTWARE, size; config 0 = CPU_CLOCK
        AddSyscall("perf_event_open", cat, Native.Call(298, (long)p, 0, -1, -1, 0), "perf_event_open(sw cpu-clock, self)");
        var kr = Native.Call(250, 0, -3, 0); // KEYCTL_GET_KEYRING_ID, session
        AddSyscall("keyring", cat, kr, "keyctl(GET_KEYRING_ID, session)");
        AddSyscall("kernel_modules", cat, Native.Call(313, -1, (long)license + 3, 0), "finit_module(-1)");
        int root = OpenRaw("/", 0x10000); // O_DIRECTORY
        byte* handle = stackalloc byte[16];
        *(uint*)handle = 8; *(int*)(handle + 4) = 1;
        AddSyscall("open_by_handle_at", cat, Native.Call(304, root, (long)handle, 0), "open_by_handle_at(/, forged handle)");
        if (root >= 0) Native.Call(3, root);
        Add("kernel_version", cat, release == hostKernel ? Exposed : Virtualized, $"uname release {release} (host {hostKernel})");
        byte* buf = stackalloc byte[256];
        var sl = Native.Call(103, 3, (long)buf, 256); // SYSLOG_ACTION_READ_ALL
        var kmsg = CanOpen("/dev/kmsg", 0);
        Add("kernel_log", cat, Reach(sl.V > 0 || kmsg), $"syslog(READ_ALL): {(sl.V >= 0 ? $"{sl.V} bytes" : Errno.Name(sl.E))}; /dev/kmsg readable: {kmsg}");
        var kallsyms = ReadHead("/proc/kallsyms", 4096);
        bool addrs = kallsyms.Split('\n').Take(20).Any(l => l.Length > 16 && l[..16].Trim('0').Length > 0);
        Add("kallsyms", cat, Reach(addrs), kallsyms.Length == 0 ? "/proc/kallsyms unreadable or absent" : $"non-zero addresses: {addrs}");
        var cpuinfo = Read("/proc/cpuinfo");
        Add("tier_markers", cat, Info, $"hypervisor flag: {cpuinfo.Contains(" hypervisor")}; gVisor marker: {File.Exists("/proc/self/gvisor") || Read("/proc/version").Contains("gVisor")}");
    }

    // ---------- host resources ----------
    private void HostResources(string hostPidNs, string hostNetNs, string hostCpu, string? canary)
    {
        const string cat = "host-resources";
        var masked = new[] { "/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug", "/proc/acpi", "/proc/scsi", "/sys/firmware" }
            .Where(p => ReadHead(p, 64).Length > 0 || (Directory.Exists(p) && SafeEntries(p).Any())).ToList();
        Add("masked_procfs", cat, Reach(masked.Count > 0), masked.Count == 0 ? "all masked, empty or absent" : "readable: " + string.Join(",", masked));
        var writable = new[] { "/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe", "/proc/sysrq-trigger", "/proc/sys/fs/binfmt_misc/register" }
            .Where(p => CanOpen(p, 1)).ToList();
        Add("procfs_writes", cat, Reach(writable.Count > 0), writable.Count == 0 ? "none writable" : "writable: " + string.Join(",", writable));
        Add("core_pattern", cat, Info, $"core_pattern={Read("/proc/sys/kernel/core_pattern").Trim()}");
        bool uevent = CanOpen("/sys/kernel/uevent_helper", 1);
        Add("sysfs_writes", cat, Reach(uevent), $"/sys/kernel/uevent_helper writable: {uevent}; /sys mount: {MountOptions("/sys")}");
        var agents = SafeDirs("/sys/fs/cgroup").Select(d => Path.Combine(d, "release_agent")).Append("/sys/fs/cgroup/release_agent").Where(p => CanOpen(p, 1)).ToList();
        Add("cgroup_release_agent", cat, Reach(agents.Count > 0), agents.Count == 0 ? "no writable release_agent" : "writable: " + string.Join(",", agents));
        var cgMounts = Read("/proc/self/mountinfo").Split('\n').Where(l => l.Contains(" - cgroup")).ToList();
        bool cgRw = cgMounts.Any(l => l.Split(' ').ElementAtOrDefault(5)?.StartsWith("rw") == true);
        bool devAllow = SafeDirs("/sys/fs/cgroup").Any(d => CanOpen(Path.Combine(d, "devices.allow"), 1)) || CanOpen("/sys/fs/cgroup/devices/devices.allow", 1);
        Add("cgroup_fs_writable", cat, Reach(cgRw || devAllow), $"cgroup mounts rw: {cgRw} ({cgMounts.Count} mounts); devices.allow writable: {devAllow}");
        var risky = new[] { "/dev/mem", "/dev/kmem", "/dev/port", "/dev/kvm", "/dev/fuse", "/dev/net/tun", "/dev/kmsg" }.Where(File.Exists).ToList();
        var blockDevs = SafeEntries("/dev").Where(f => (GetMode(f) & 0xF000) == 0x6000).ToList();
        Add("device_nodes", cat, Reach(risky.Count + blockDevs.Count > 0), $"risky: {string.Join(",", risky)}; block devices: {blockDevs.Count}");
        var pidNs = NsInode("pid");
        bool kthreadd = Read("/proc/2/comm").Trim() == "kthreadd";
        // Every kernel's initial pid namespace has the same inode number, so equal inodes only mean "host's" on the host kernel.
        Add("host_pid_namespace", cat, pidNs == hostPidNs && _hostKernel ? Exposed : kthreadd && !_hostKernel ? Virtualized : Blocked, $"pid ns {pidNs} (host {hostPidNs}); kthreadd visible: {kthreadd}");
        var netNs = NsInode("net");
        var ifaces = Read("/proc/net/dev").Split('\n').Skip(2).Select(l => l.Split(':')[0].Trim()).Where(s => s.Length > 0).ToList();
        bool shim = Read("/proc/net/unix").Contains("containerd", StringComparison.Ordinal);
        Add("host_network_namespace", cat, (netNs == hostNetNs && _hostKernel) || shim ? Exposed : Blocked, $"net ns {netNs} (host {hostNetNs}); interfaces: {string.Join(",", ifaces)}; containerd abstract sockets: {shim}");
        var model = System.Text.RegularExpressions.Regex.Match(Read("/proc/cpuinfo"), @"model name\s*:\s*(.+)").Groups[1].Value.Trim();
        Add("hardware_info", cat, model == hostCpu && _hostKernel ? Exposed : Virtualized, $"cpu model '{model}'; MemTotal {Field(Read("/proc/meminfo"), "MemTotal")}");
        var mountinfo = Read("/proc/self/mountinfo");
        var leaks = new[] { "/run/sandbox-harness", "/var/cache/sandbox-harness", "upperdir=" }.Where(m => mountinfo.Contains(m, StringComparison.Ordinal)).ToList();
        Add("mount_info_leak", cat, leaks.Count > 0 ? Exposed : Blocked, leaks.Count == 0 ? "no host paths in mountinfo" : "host paths: " + string.Join(",", leaks));
        var sockets = new[] { "/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/run/crio/crio.sock", "/run/podman/podman.sock" }
            .Concat(new[] { "/run", "/var/run", "/tmp" }.SelectMany(SafeEntries).Where(f => (GetMode(f) & 0xF000) == 0xC000))
            .Distinct().Where(Connectable).ToList();
        Add("runtime_sockets", cat, sockets.Count > 0 ? Exposed : Blocked, sockets.Count == 0 ? "no connectable runtime socket" : "connectable: " + string.Join(",", sockets));
        bool leaked = false;
        if (!string.IsNullOrEmpty(canary))
        {
            leaked = Environment.GetEnvironmentVariables().Values.OfType<string>().Any(v => v.Contains(canary))
                || SafeDirs("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Any(d => Read(Path.Combine(d, "environ")).Contains(canary));
        }
        Add("environment_secrets", cat, leaked ? Exposed : Blocked, canary is null ? "no canary given" : $"canary found: {leaked}");
    }

    // ---------- filesystem ----------
    private void Filesystem()
    {
        const string cat = "filesystem";
        var writable = new[] { "/", "/usr/bin" }.Where(d =>
        {
            var f = Path.Combine(d, $".sbw-probe-{Environment.ProcessId}");
            try { File.WriteAllText(f, "x"); File.Delete(f); return true; } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        }).ToList();
        Add("rootfs_writable", cat, writable.Count > 0 ? Exposed : Blocked, writable.Count == 0 ? "/ and /usr/bin not writable" : "writable: " + string.Join(",", writable));
        string exec = "no writable dir";
        bool ran = false;
        foreach (var d in new[] { "/tmp", "/dev/shm", "/" })
        {
            var f = Path.Combine(d, $"sbw-exec-{Environment.ProcessId}");
            try
            {
                File.Copy("/proc/self/exe", f, true);
                File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
                using var pr = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(f, "true") { RedirectStandardOutput = true })!;
                pr.StandardOutput.ReadToEnd();
                pr.WaitForExit();
                ran = pr.ExitCode == 0;
                exec = $"wrote and executed {f}: exit {pr.ExitCode}";
            }
            catch (Exception e) { exec = $"{d}: {e.GetType().Name}: {e.Message}"; }
            finally { try { File.Delete(f); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } }
            if (ran) break;
        }
        Add("write_then_exec", cat, ran ? Exposed : Blocked, exec);
        string[] tools = ["sh", "bash", "busybox", "apt", "dpkg", "apk", "rpm", "pip", "pip3", "curl", "wget", "nc", "gcc", "python3", "perl"];
        var present = tools.Where(t => PathDirs.Any(d => File.Exists(Path.Combine(d, t)))).ToList();
        Add("shell_and_tools", cat, present.Count > 0 ? Exposed : Blocked, present.Count == 0 ? "none present" : string.Join(",", present));
    }

    // ---------- network ----------
    private void Network(string? sink)
    {
        const string cat = "network";
        if (sink is not null && IPEndPoint.TryParse(sink, out var ep))
            Add("egress", cat, Connect(ep, out var ev) ? Exposed : Blocked, ev);
        else
        {
            var ifaces = Read("/proc/net/dev").Split('\n').Skip(2).Select(l => l.Split(':')[0].Trim()).Where(s => s.Length > 0 && s != "lo").ToList();
            Add("egress", cat, ifaces.Count > 0 ? Exposed : Blocked, $"no sink given; non-loopback interfaces: {(ifaces.Count == 0 ? "none" : string.Join(",", ifaces))}");
        }
        // Only probe the metadata address where no default route exists: nothing then leaves the sandbox.
        bool defaultRoute = Read("/proc/net/route").Split('\n').Skip(1).Any(l => l.Split('\t').ElementAtOrDefault(1) == "00000000");
        if (defaultRoute) Add("metadata_address", cat, Exposed, "a default route exists: not probing an external address");
        else Add("metadata_address", cat, Connect(new IPEndPoint(IPAddress.Parse("169.254.169.254"), 80), out var mev) ? Exposed : Blocked, mev);
        var packet = Native.Call(41, 17, 3, 0);  // AF_PACKET, SOCK_RAW
        var raw = Native.Call(41, 2, 3, 1);      // AF_INET, SOCK_RAW, ICMP
        if (packet.V >= 0) Native.Call(3, packet.V);
        if (raw.V >= 0) Native.Call(3, raw.V);
        Add("raw_sockets", cat, Reach(packet.V >= 0 || raw.V >= 0), $"AF_PACKET: {(packet.V >= 0 ? "ok" : Errno.Name(packet.E))}; SOCK_RAW icmp: {(raw.V >= 0 ? "ok" : Errno.Name(raw.E))}");
    }

    private static bool Connect(IPEndPoint ep, out string evidence)
    {
        try
        {
            using var s = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var t = s.ConnectAsync(ep);
            if (!t.Wait(TimeSpan.FromSeconds(1))) { evidence = $"connect {ep}: timeout"; return false; }
            evidence = $"connect {ep}: connected";
            return true;
        }
        catch (Exception e) { evidence = $"connect {ep}: {(e.InnerException ?? e).Message}"; return false; }
    }

    private static bool Connectable(string path)
    {
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ArgumentException) { return false; }
    }

    // ---------- helpers ----------
    private static readonly string[] PathDirs = ["/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

    private static string Uname()
    {
        byte* u = stackalloc byte[390];
        Native.Call(63, (long)u);
        return Marshal.PtrToStringUTF8((nint)(u + 130)) ?? "";
    }

    private static string Read(string path)
    {
        try { return File.ReadAllText(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException) { return ""; }
    }

    private static string ReadHead(string path, int max)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buf = new byte[max];
            int n = f.Read(buf, 0, max);
            return Encoding.UTF8.GetString(buf, 0, n);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException) { return ""; }
    }

    private static string Field(string text, string key) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim() ?? "";

    private static ulong Hex(string s) => ulong.TryParse(s, System.Globalization.NumberStyles.HexNumber, null, out var v) ? v : 0;

    private static int OpenRaw(string path, int flags)
    {
        fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0")) return (int)Native.Call(Native.SYS_openat, Native.AT_FDCWD, (long)p, flags).V;
    }

    private static bool CanOpen(string path, int flags)
    {
        int fd = OpenRaw(path, flags | 0x800); // O_NONBLOCK
        if (fd >= 0) Native.Call(3, fd);
        return fd >= 0;
    }

    private static uint GetMode(string path)
    {
        byte* st = stackalloc byte[144];
        fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0"))
            return Native.Call(6, (long)p, (long)st).V == 0 ? *(uint*)(st + 24) : 0; // lstat; st_mode at offset 24
    }

    private static bool IsRegular(string path) => (GetMode(path) & 0xF000) == 0x8000;

    private static string NsInode(string ns)
    {
        try { return (new FileInfo($"/proc/self/ns/{ns}").LinkTarget ?? "").Trim('[', ']').Split(":[").Last().TrimEnd(']'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static string MountOptions(string mountPoint) =>
        Read("/proc/self/mountinfo").Split('\n').Select(l => l.Split(' ')).LastOrDefault(f => f.Length > 5 && f[4] == mountPoint)?[5] ?? "not mounted";

    private static IEnumerable<string> SafeFiles(string dir)
    {
        try { return Directory.Exists(dir) ? Directory.GetFiles(dir) : []; } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> SafeDirs(string dir)
    {
        try { return Directory.Exists(dir) ? Directory.GetDirectories(dir) : []; } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> SafeEntries(string dir)
    {
        try { return Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir) : []; } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
