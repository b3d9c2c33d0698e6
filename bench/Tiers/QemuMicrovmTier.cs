using System.Text;
using Harness.Core;
using Harness.Images;

namespace Harness.Tiers;

/// <summary>Tier 4: QEMU's microvm machine booting Debian's kernel with the workload as init. KVM only after a
/// functional boot probe passed (nested hosts can expose /dev/kvm yet hang guests), else TCG; recorded per row.</summary>
public sealed class QemuMicrovmTier(TierContext context) : ITier
{
    public const string ExitMarker = "SBW-EXIT ";
    public string Id => "qemu-microvm";
    public TierClass Class => TierClass.MicroVm;
    private string? _accel;

    public async Task<TierStatus> DetectAsync(CancellationToken ct)
    {
        var path = Exec.Which("qemu-system-x86_64");
        if (path is null) return TierStatus.NotUsable(Id, "qemu-system-x86_64 not installed (package qemu-system-x86)");
        var v = await Exec.RunAsync(path, ["--version"], TimeSpan.FromSeconds(10), ct);
        var version = v.Stdout.Split('\n')[0].Trim();
        ImageSet images;
        try { images = await context.ImagesAsync(ct); }
        catch (HarnessException e) { return TierStatus.NotUsable(Id, $"guest images unavailable: {e.Message}", path, version); }
        var accel = await AcceleratorAsync(path, version, images, ct);
        return new TierStatus(Id, true, accel.Reason, path, version, $"{accel.Accel} ({images.MicroVm.Kernel.Package})");
    }

    public sealed record AccelDecision(string Accel, string Reason);

    /// <summary>kvm or tcg. The probe result is cached per (host kernel, QEMU, guest kernel, initramfs).</summary>
    public async Task<AccelDecision> AcceleratorAsync(string qemu, string qemuVersion, ImageSet images, CancellationToken ct)
    {
        var forced = context.Options.Accelerator;
        if (forced is "kvm" or "tcg") { _accel = forced; return new(forced, $"accelerator forced to {forced} by option"); }
        if (!File.Exists("/dev/kvm")) { _accel = "tcg"; return new("tcg", "no /dev/kvm: TCG emulation"); }
        var key = ContentHash.Key(HostFacts.Read().Kernel, qemuVersion, images.MicroVm.Kernel.Package, Path.GetFileName(images.MicroVm.Initramfs));
        var cache = Path.Combine(context.Paths.CacheRoot, $"kvm-probe-{key}.txt");
        if (File.Exists(cache))
        {
            var cached = File.ReadAllText(cache).Split('\n', 2);
            _accel = cached[0];
            return new(cached[0], cached.Length > 1 ? cached[1] + " (cached probe)" : "cached probe");
        }
        var probe = await RunWithAsync(qemu, "kvm", new SandboxRequest(["true"], context.Options.KvmProbeTimeout), images, ct);
        var decision = probe.Succeeded
            ? new AccelDecision("kvm", $"KVM functional: probe guest booted and exited in {probe.ExitMs:0} ms")
            : new AccelDecision("tcg", $"/dev/kvm present but the probe guest did not finish in {context.Options.KvmProbeTimeout.TotalSeconds:0} s ({probe.Outcome}): TCG emulation");
        Directory.CreateDirectory(context.Paths.CacheRoot);
        File.WriteAllText(cache, decision.Accel + "\n" + decision.Reason);
        _accel = decision.Accel;
        return decision;
    }

    private async Task<string> AccelAsync(string qemu, ImageSet images, CancellationToken ct)
    {
        if (_accel is not null) return _accel;
        var v = await Exec.RunAsync(qemu, ["--version"], TimeSpan.FromSeconds(10), ct);
        return (await AcceleratorAsync(qemu, v.Stdout.Split('\n')[0].Trim(), images, ct)).Accel;
    }

    private static string Qemu() => Exec.Which("qemu-system-x86_64") ?? throw new HarnessException("qemu-system-x86_64 not installed");

    public async Task<SandboxRun> RunAsync(SandboxRequest request, CancellationToken ct)
    {
        var qemu = Qemu();
        var images = await context.ImagesAsync(ct);
        return await RunWithAsync(qemu, await AccelAsync(qemu, images, ct), request, images, ct);
    }

    private Task<SandboxRun> RunWithAsync(string qemu, string accel, SandboxRequest request, ImageSet images, CancellationToken ct) =>
        SandboxRunner.RunAsync(Id, request, qemu, Arguments(accel, request, images), () => Task.CompletedTask, ct, ExitCodeFromSerial);

    public static int? ExitCodeFromSerial(IReadOnlyList<string> lines)
    {
        var line = lines.LastOrDefault(l => l.Contains(ExitMarker, StringComparison.Ordinal));
        return line is not null && int.TryParse(line[(line.IndexOf(ExitMarker, StringComparison.Ordinal) + ExitMarker.Length)..].Trim(), out var c) ? c : null;
    }

    public IReadOnlyList<string> Arguments(string accel, SandboxRequest request, ImageSet images)
    {
        if (!request.Weakening.IsNone && request.Weakening.InjectedDelay == TimeSpan.Zero)
            throw new HarnessException($"{Id}: container weakenings (privileged, bind mounts, /proc/sys, netns) do not apply to a VM");
        var argv = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\0', request.WorkloadArgs)));
        var env = string.Join(' ', request.Environment.Select(kv => $"{kv.Key}={kv.Value}"));
        return
        [
            "-name", request.InstanceId,
            "-M", "microvm,x-option-roms=off,isa-serial=on,rtc=off",
            "-accel", accel, "-cpu", accel == "kvm" ? "host" : "max", "-smp", "1", "-m", $"{context.Options.VmMemoryMiB}M",
            "-nodefaults", "-no-user-config", "-nographic", "-no-reboot", "-serial", "stdio",
            "-kernel", images.MicroVm.Kernel.Path, "-initrd", images.MicroVm.Initramfs,
            // Extra key=value words become init's environment; no NIC is configured: no network at all.
            "-append", $"console=ttyS0 reboot=t panic=-1 quiet loglevel=1 {(accel == "tcg" ? TcgClockArgs() : "")} {env} sbw.args={argv}".Replace("  ", " "),
        ];
    }

    /// <summary>Under TCG the guest's PIT-based TSC calibration fails now and then and the boot hangs (seen here in 2 of 6
    /// boots). TCG's guest TSC is the host TSC, so hand the guest the host's (constant) TSC rate instead: the guest's own
    /// clocks then stay true, which the workloads' in-guest timings depend on.</summary>
    public static string TcgClockArgs() => TcgClock.Value;

    private static readonly Lazy<string> TcgClock = new(() =>
    {
        var cpuinfo = File.ReadAllText("/proc/cpuinfo");
        var mhz = System.Text.RegularExpressions.Regex.Match(cpuinfo, @"cpu MHz\s*:\s*([0-9.]+)");
        if (!cpuinfo.Contains(" constant_tsc") || !mhz.Success) return "";
        var khz = (long)(double.Parse(mhz.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000);
        return $"tsc_early_khz={khz} tsc=reliable no_timer_check";
    });

    public async Task<IRunningSandbox> StartAsync(SandboxRequest request, CancellationToken ct)
    {
        var qemu = Qemu();
        var images = await context.ImagesAsync(ct);
        return await RunningProcess.StartAsync(Id, qemu, Arguments(await AccelAsync(qemu, images, ct), request, images), request, ct);
    }
}
