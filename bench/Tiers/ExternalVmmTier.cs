using System.Text;
using Harness.Core;
using Harness.Images;

namespace Harness.Tiers;

/// <summary>Shared driver for VMMs other than QEMU (Firecracker, Cloud Hypervisor): same initramfs and init,
/// same serial protocol. Used only when the binary is installed; never substituted by another VMM.</summary>
public abstract class ExternalVmmTier(TierContext context) : ITier
{
    protected TierContext Context { get; } = context;
    public abstract string Id { get; }
    public TierClass Class => TierClass.MicroVm;
    protected abstract string Binary { get; }
    /// <summary>Environment variable that may name the binary when it is not on PATH.</summary>
    protected abstract string BinaryVariable { get; }
    protected abstract IReadOnlyList<string> Arguments(string instanceDir, string cmdline, ImageSet images);
    protected virtual string? KernelProblem(ImageSet images) => null;

    protected string? BinaryPath() => Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } p ? (File.Exists(p) ? p : null) : Exec.Which(Binary);

    public async Task<TierStatus> DetectAsync(CancellationToken ct)
    {
        var path = BinaryPath();
        if (path is null) return TierStatus.NotUsable(Id, $"{Binary} not installed (not on PATH, {BinaryVariable} unset); Debian 12 does not package it");
        var v = await Exec.RunAsync(path, ["--version"], TimeSpan.FromSeconds(10), ct);
        var version = v.Stdout.Split('\n')[0].Trim();
        if (!File.Exists("/dev/kvm")) return TierStatus.NotUsable(Id, $"{Binary} needs /dev/kvm", path, version);
        var images = await Context.ImagesAsync(ct);
        var problem = KernelProblem(images);
        return problem is null ? new TierStatus(Id, true, "usable (KVM only)", path, version, "kvm")
            : TierStatus.NotUsable(Id, problem, path, version);
    }

    private async Task<(string Path, IReadOnlyList<string> Args, string Dir)> PrepareAsync(SandboxRequest request, CancellationToken ct)
    {
        var path = BinaryPath() ?? throw new HarnessException($"{Binary} not installed");
        var images = await Context.ImagesAsync(ct);
        var dir = Path.Combine(Context.Paths.Instances, request.InstanceId);
        Directory.CreateDirectory(dir);
        var argv = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\0', request.WorkloadArgs)));
        var env = string.Join(' ', request.Environment.Select(kv => $"{kv.Key}={kv.Value}"));
        var cmdline = $"console=ttyS0 reboot=k panic=1 pci=off quiet loglevel=1 {env} sbw.args={argv}";
        return (path, Arguments(dir, cmdline, images), dir);
    }

    public async Task<SandboxRun> RunAsync(SandboxRequest request, CancellationToken ct)
    {
        var (path, args, _) = await PrepareAsync(request, ct);
        return await SandboxRunner.RunAsync(Id, request, path, args, () => { Cleanup.RemoveInstance(Context.Paths, request.InstanceId); return Task.CompletedTask; },
            ct, QemuMicrovmTier.ExitCodeFromSerial);
    }

    public async Task<IRunningSandbox> StartAsync(SandboxRequest request, CancellationToken ct)
    {
        var (path, args, _) = await PrepareAsync(request, ct);
        return await RunningProcess.StartAsync(Id, path, args, request, ct, () => Cleanup.RemoveInstance(Context.Paths, request.InstanceId));
    }
}
