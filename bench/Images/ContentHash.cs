using System.Security.Cryptography;
using System.Text;

namespace Harness.Images;

public static class ContentHash
{
    public static string OfFile(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>Cache key of a build: its recipe version and every input, in order.</summary>
    public static string Key(params string[] inputs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", inputs))))[..16];
}
