using System.IO.Compression;
using System.Text;

namespace Harness.Images;

/// <summary>Writes a gzip'd newc cpio archive (the initramfs format). Written here rather than shelling out to cpio
/// because it must contain /dev/console as a device node, which needs no mknod this way, and must be deterministic.</summary>
public sealed class CpioWriter : IDisposable
{
    private readonly Stream _out;
    private readonly GZipStream _gz;
    private int _ino = 1;

    public CpioWriter(string path)
    {
        _out = System.IO.File.Create(path);
        _gz = new GZipStream(_out, CompressionLevel.Optimal);
    }

    public void Directory(string name) => Entry(name, 0x4000 | 0x1ED /*0755*/, [], 0, 0);
    public void File(string name, byte[] data, int mode = 0x1ED) => Entry(name, 0x8000 | mode, data, 0, 0);
    public void CharDevice(string name, int major, int minor, int mode = 0x180 /*0600*/) => Entry(name, 0x2000 | mode, [], major, minor);
    public void Symlink(string name, string target) => Entry(name, 0xA000 | 0x1FF, Encoding.UTF8.GetBytes(target), 0, 0);

    private void Entry(string name, int mode, byte[] data, int rmaj, int rmin)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name.TrimStart('/') + "\0");
        var header = $"070701{_ino++:X8}{mode:X8}{0:X8}{0:X8}{1:X8}{0:X8}{data.Length:X8}{0:X8}{0:X8}{rmaj:X8}{rmin:X8}{nameBytes.Length:X8}{0:X8}";
        Write(Encoding.ASCII.GetBytes(header));
        Write(nameBytes);
        Pad(110 + nameBytes.Length);
        Write(data);
        Pad(data.Length);
    }

    private long _written;
    private void Write(byte[] b) { _gz.Write(b); _written += b.Length; }
    private void Pad(int len) { int p = (4 - len % 4) % 4; if (p > 0) Write(new byte[p]); }

    public void Dispose()
    {
        Entry("TRAILER!!!", 0, [], 0, 0);
        _gz.Dispose();
        _out.Dispose();
    }
}
