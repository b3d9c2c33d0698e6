namespace Harness.Tests.Fakes;

/// <summary>Path of the fake runtime script (a test double: it starts no sandbox).</summary>
public static class FakeRuntime
{
    public static string Path
    {
        get
        {
            var p = System.IO.Path.Combine(AppContext.BaseDirectory, "Fakes", "fake-runtime.sh");
            File.SetUnixFileMode(p, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return p;
        }
    }
}
