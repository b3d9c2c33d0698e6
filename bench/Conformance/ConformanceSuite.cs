using Harness.Core;
using Harness.Reporting;
using Harness.Results;
using Harness.Tiers;

namespace Harness.Conformance;

/// <summary>Probe every given usable tier once (with an egress sink in a namespace of our own), judge, and write
/// conformance.csv and image_surface.csv into <paramref name="dir"/>. Shared by 'run' and 'conformance'.</summary>
public static class ConformanceSuite
{
    public static async Task<IReadOnlyList<ConformanceRow>> RunAsync(TierContext context, IEnumerable<ITier> tiers, string dir, Action<string> log, CancellationToken ct)
    {
        var expectations = Expectations.Load(context.Paths);
        var images = await context.ImagesAsync(ct);
        var rows = new List<ConformanceRow>();
        await using (var sink = await NetworkSink.StartAsync(images.Workload.Path, TimeSpan.FromMinutes(10), ct))
        {
            foreach (var t in tiers.Where(t => expectations.Tiers.Contains(t.Id)))
            {
                var st = await t.DetectAsync(ct);
                if (!st.Usable) { log($"conformance: skip {t.Id}: {st.Reason}"); continue; }
                log($"conformance: probing {t.Id}");
                var probe = await ConformanceRunner.ProbeAsync(t, TimeSpan.FromSeconds(t.Class == TierClass.MicroVm ? 180 : 60), ct, sink: sink.Endpoint);
                rows.AddRange(ConformanceRunner.Judge(t.Id, probe.Report, expectations.For(t.Id)));
            }
        }
        Directory.CreateDirectory(dir);
        CsvFiles.Write(Path.Combine(dir, "conformance.csv"), rows);
        CsvFiles.Write(Path.Combine(dir, "image_surface.csv"),
            new[] { images.Standard.Surface, images.Hardened.Surface, images.MicroVm.Surface }.Select(ImageSurfaceRow.From));
        return rows;
    }
}
