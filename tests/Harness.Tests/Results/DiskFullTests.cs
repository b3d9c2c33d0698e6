using System.Runtime.InteropServices;
using Harness.Core;
using Harness.Results;

namespace Harness.Tests.Results;

/// <summary>Writes samples into a 64 KiB tmpfs until it is full (needs root, which the harness needs anyway).</summary>
public partial class DiskFullTests
{
    [LibraryImport("libc", EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mount(string src, string target, string fstype, ulong flags, string data);

    [LibraryImport("libc", EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount(string target, int flags);

    [SkippableFact]
    public void I_get_a_clear_error_on_a_full_disk_and_keep_the_rows_already_written()
    {
        var dir = Directory.CreateTempSubdirectory("sbh-full-").FullName;
        Skip.If(Mount("tmpfs", dir, "tmpfs", 0, "size=64k") != 0, "cannot mount a small tmpfs here (not root?)");
        try
        {
            var path = Path.Combine(dir, "samples.csv");
            int written = 0;
            var e = Assert.Throws<HarnessException>(() =>
            {
                using var sink = new SampleSink(path);
                for (int i = 0; i < 100_000; i++)
                {
                    sink.Add(new Sample("r", DateTime.UtcNow, "h", "k", "t", "rt", "v", "p", "w", "metric", "ms", i, i, "ok", "quick", new string('x', 100)));
                    written++;
                }
            });
            Assert.Contains("writing samples failed", e.Message);
            Assert.True(written > 10);
            // Every complete row before the failure reads back; at most the one being written is lost.
            var rows = File.ReadAllLines(path).Skip(1).Where(l => l.EndsWith(new string('x', 100))).ToList();
            Assert.InRange(rows.Count, written - 1, written);
        }
        finally { Umount(dir, 2); Directory.Delete(dir, true); }
    }
}
