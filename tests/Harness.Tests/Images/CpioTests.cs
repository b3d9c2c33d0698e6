using System.IO.Compression;
using System.Text;
using Harness.Images;

namespace Harness.Tests.Images;

public class CpioTests
{
    [Fact]
    public void I_can_write_a_newc_archive_with_a_console_device_node()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sbh-{Guid.NewGuid():N}.cpio.gz");
        try
        {
            using (var w = new CpioWriter(path)) { w.Directory("dev"); w.CharDevice("dev/console", 5, 1); w.File("init", [1, 2, 3]); }
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            var text = Encoding.ASCII.GetString(ms.ToArray());
            Assert.StartsWith("070701", text);
            Assert.Contains("dev/console\0", text);
            Assert.Contains("TRAILER!!!\0", text);
            Assert.Equal(0, ms.Length % 4);
            // dev/console: mode 0020600 (char device), rdev 5:1.
            int at = text.IndexOf("dev/console\0", StringComparison.Ordinal) - 110;
            Assert.Equal("00002180", text.Substring(at + 14, 8));
            Assert.Equal("00000005", text.Substring(at + 78, 8));
        }
        finally { File.Delete(path); }
    }
}
