namespace Harness.Images;

/// <summary>An exclusive advisory lock (.NET maps FileShare.None to flock on Unix) so two harness processes
/// never build the same cache entry at once.</summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;
    private FileLock(FileStream s) => _stream = s;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(200, ct); }
            catch (IOException e) { throw new Core.HarnessException($"could not lock {path} within {timeout.TotalSeconds:0} s: {e.Message}"); }
        }
    }

    /// <summary>Non-blocking: null when another process holds it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try { return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)); }
        catch (IOException) { return null; }
    }

    public void Dispose() => _stream.Dispose();
}
