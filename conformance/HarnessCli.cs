using System.Diagnostics;
using Harness.Core;

namespace Harness.Conformance.Tests;

/// <summary>Runs the real harness CLI (bench.dll) as a child process, for fault tests that need a whole process:
/// signals, SIGKILL, the run lock, exit codes.</summary>
public sealed partial class HarnessCli : IDisposable
{
    private readonly Process _p;
    private readonly List<string> _lines = [];
    public int Pid => _p.Id;

    private HarnessCli(Process p) => _p = p;

    public static string BenchDll => Path.Combine(HarnessPaths.Default().RepoRoot, "bench", "bin", "Release", "net10.0", "bench.dll");

    public static HarnessCli Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(BenchDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var cli = new HarnessCli(p);
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cli._lines) cli._lines.Add(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (cli._lines) cli._lines.Add(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return cli;
    }

    public string Output { get { lock (_lines) return string.Join('\n', _lines); } }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_p.HasExited) throw new InvalidOperationException($"harness exited ({_p.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no '{text}' within {timeout}:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _p.WaitForExitAsync(cts.Token);
        return _p.ExitCode;
    }

    public const int SIGKILL = 9, SIGTERM = 15, SIGINT = 2;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    public void Signal(int signal) => Kill(_p.Id, signal);

    public void Dispose()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.Dispose();
    }
}
