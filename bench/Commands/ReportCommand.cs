using System.ComponentModel;
using Harness.Core;
using Harness.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "[RUN_DIR]")][Description("Run folder (default: the newest under results/)")] public string? Dir { get; init; }
}

/// <summary>Plots, report.md, report.html and summary.csv for one run folder.</summary>
public sealed class ReportCommand : HarnessCommand<ReportSettings>
{
    protected override Task<int> RunAsync(ReportSettings s, CancellationToken ct)
    {
        var dir = s.Dir ?? Newest(HarnessPaths.Default().ResultsRoot);
        foreach (var f in ReportBuilder.Write(dir)) AnsiConsole.MarkupLine($"wrote {Markup.Escape(Path.Combine(dir, f))}");
        return Task.FromResult(0);
    }

    public static string Newest(string root) =>
        Directory.Exists(root) ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "run.json"))).OrderBy(d => Directory.GetLastWriteTimeUtc(d)).LastOrDefault()
            ?? throw new HarnessException($"no run folder under {root}; run 'bench run' first") : throw new HarnessException($"{root} does not exist; run 'bench run' first");
}
