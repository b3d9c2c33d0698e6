using Harness.Conformance;
using Harness.Core;
using Harness.Images;
using Harness.Results;
using Harness.Stats;
using Harness.Tiers;

namespace Harness.Reporting;

/// <summary>A run folder read back: manifest, samples, derived summary, and the conformance/image files when present.</summary>
public sealed record RunData(string Dir, RunManifest Manifest, IReadOnlyList<Sample> Samples, IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<ConformanceRow> Conformance, IReadOnlyList<ImageSurfaceRow> Images)
{
    public static RunData Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new HarnessException($"{dir} does not exist; pass a run folder under results/");
        var manifest = RunManifest.Load(dir);
        var samples = CsvFiles.Read<Sample>(Path.Combine(dir, "samples.csv"));
        var conf = Path.Combine(dir, "conformance.csv");
        var img = Path.Combine(dir, "image_surface.csv");
        return new RunData(dir, manifest, samples, Stats.Summary.Of(samples),
            File.Exists(conf) ? CsvFiles.Read<ConformanceRow>(conf) : [],
            File.Exists(img) ? CsvFiles.Read<ImageSurfaceRow>(img) : []);
    }

    public IReadOnlyList<string> Tiers => Summary.Select(r => r.Tier).Where(t => t != HostNativeTier.TierId).Distinct().OrderBy(TierOrder).ToList();

    public static int TierOrder(string t) => TierRegistry.Core.ToList().IndexOf(t) is var i && i >= 0 ? i : 100;

    public SummaryRow? Cell(string tier, string workload, string metric) =>
        Summary.FirstOrDefault(r => r.Tier == tier && r.Workload == workload && r.Metric == metric);

    public IReadOnlyList<double> Values(string tier, string workload, string metric) =>
        Samples.Where(s => s.Tier == tier && s.Workload == workload && s.Metric == metric && s.Outcome == "ok").Select(s => s.Value).ToList();

    public string Platform(string tier) => Summary.FirstOrDefault(r => r.Tier == tier)?.PlatformOrAccel ?? "";

    /// <summary>Memory per instance in MB: PSS view first (what the instance's host processes hold).</summary>
    public double? MemoryMb(string tier) => Cell(tier, "idle", "mem_pss_per_instance_bytes")?.P50 / 1e6;
}

/// <summary>One row of image_surface.csv.</summary>
public sealed record ImageSurfaceRow(string Image, long Files, long Bytes, long SetuidFiles, string ToolsPresent)
{
    public static ImageSurfaceRow From(ImageSurface s) => new(s.Image, s.Files, s.Bytes, s.SetuidFiles, string.Join(' ', s.ToolsPresent));
}
