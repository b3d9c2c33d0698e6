using Harness.Core;
using Harness.Images;
using Harness.Oci;

namespace Harness.Tiers;

/// <summary>An OCI bundle in the instance dir: config.json plus the rootfs, which for a multi-layer image is a
/// private overlay mount (writable upper layer per instance, as Docker's overlay2 does).</summary>
public sealed record Bundle(string Dir, string Rootfs)
{
    public static Bundle Create(HarnessPaths paths, SandboxRequest request, RootfsImage image, ContainerProfile profile)
    {
        var dir = Path.Combine(paths.Instances, request.InstanceId);
        Directory.CreateDirectory(dir);
        string rootfs;
        if (image.Layers.Count == 1 && profile == ContainerProfile.Hardened) rootfs = image.Layers[0];
        else
        {
            rootfs = Path.Combine(dir, "rootfs");
            var upper = Path.Combine(dir, "upper");
            var work = Path.Combine(dir, "work");
            foreach (var d in new[] { rootfs, upper, work }) Directory.CreateDirectory(d);
            var data = $"lowerdir={string.Join(':', image.Layers)},upperdir={upper},workdir={work}";
            if (Native.Mount("overlay", rootfs, "overlay", 0, data) != 0)
                throw new HarnessException($"overlay mount for {request.InstanceId} failed: {Native.LastError()}");
        }
        File.WriteAllText(Path.Combine(dir, "config.json"), OciProfiles.Build(profile, rootfs, request).ToJson());
        return new Bundle(dir, rootfs);
    }
}
