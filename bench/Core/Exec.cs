using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Harness.Core;

public sealed record ExecResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public bool Ok => ExitCode == 0;
    public string StderrTail(int max = 800) => Text.Tail(Stderr.Trim(), max);
}

/// <summary>Short helper commands (versions, runc delete, mmdebstrap): captured, bounded, never throwing on exit code.</summary>
public static class Exec
{
    public static async Task<ExecResult> RunAsync(string path, IEnumerable<string> args, TimeSpan timeout, CancellationToken ct = default,
        string? workingDir = null)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var sw = Stopwatch.StartNew();
        try
        {
            var cmd = Cli.Wrap(path).WithArguments(args).WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr));
            if (workingDir is not null) cmd = cmd.WithWorkingDirectory(workingDir);
            var r = await cmd.ExecuteAsync(cts.Token);
            return new ExecResult(r.ExitCode, stdout.ToString(), stderr.ToString(), sw.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ExecResult(-1, stdout.ToString(), stderr + $"\n{Path.GetFileName(path)} timed out after {timeout.TotalSeconds:0.#} s", sw.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ExecResult(-1, "", $"cannot start {path}: {e.Message}", sw.Elapsed);
        }
    }

    /// <summary>Runs and throws a <see cref="HarnessException"/> naming the command when it fails.</summary>
    public static async Task<ExecResult> CheckedAsync(string path, IEnumerable<string> args, TimeSpan timeout, CancellationToken ct = default,
        string? workingDir = null)
    {
        var list = args.ToList();
        var r = await RunAsync(path, list, timeout, ct, workingDir);
        if (!r.Ok)
            throw new HarnessException($"'{Path.GetFileName(path)} {string.Join(' ', list.Take(4))}…' failed (exit {r.ExitCode}): {r.StderrTail()}");
        return r;
    }

    /// <summary>Finds an executable on PATH (plus the sbin directories, which a non-login root shell may lack).</summary>
    public static string? Which(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (var d in dirs)
        {
            var p = Path.Combine(d, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}

public static class Text
{
    public static string Tail(string s, int max) => s.Length <= max ? s : "…" + s[^max..];

    /// <summary>Removes control characters (ANSI escapes from a hostile sandbox) before text reaches a terminal or a report.</summary>
    public static string Sanitize(string s, int max = 4000)
    {
        var sb = new StringBuilder(Math.Min(s.Length, max));
        foreach (var c in s)
        {
            if (sb.Length >= max) { sb.Append('…'); break; }
            sb.Append(c == '\n' || c == '\t' || !char.IsControl(c) ? c : '�');
        }
        return sb.ToString();
    }
}
