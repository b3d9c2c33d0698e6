using System.ComponentModel;
using System.Globalization;
using Harness.Comparison;
using Harness.Core;
using Harness.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

public sealed class CompareSettings : CommandSettings
{
    [CommandOption("--baseline <DIR>")][Description("Baseline run folder (e.g. results/baseline)")] public string? Baseline { get; init; }
    [CommandOption("--current <DIR>")][Description("Current run folder (default: newest under results/)")] public string? Current { get; init; }
    [CommandOption("--threshold <PCT>")][Description("Equivalence threshold, e.g. 10% (default)")] public string Threshold { get; init; } = "10%";
    [CommandOption("--noise <MS>")][Description("Absolute noise floor for millisecond metrics (default 1)")] public double Noise { get; init; } = 1;

    public double ThresholdPercent => double.TryParse(Threshold.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    public override ValidationResult Validate() =>
        Baseline is null ? ValidationResult.Error("--baseline <DIR> is required")
        : !(ThresholdPercent is > 0 and < 1000) ? ValidationResult.Error($"--threshold must look like 10% (got '{Threshold}')")
        : Noise < 0 ? ValidationResult.Error("--noise must be ≥ 0") : ValidationResult.Success();
}

/// <summary>Compares a run to a baseline; exit 1 on any regression (slower, bigger, or a check that became exposed).</summary>
public sealed class CompareCommand : HarnessCommand<CompareSettings>
{
    protected override Task<int> RunAsync(CompareSettings s, CancellationToken ct)
    {
        var currentDir = s.Current ?? ReportCommand.Newest(HarnessPaths.Default().ResultsRoot);
        var baseline = RunData.Load(s.Baseline!);
        var current = RunData.Load(currentDir);
        var r = Comparer.Compare(baseline, current, new Comparison.CompareOptions(s.ThresholdPercent, s.Noise));
        var table = new Table().AddColumns("tier", "workload", "metric", "baseline p50", "current p50", "ratio", "p", "verdict");
        foreach (var x in r.Rows)
            table.AddRow(x.Tier, x.Workload, x.Metric, $"{x.BaselineP50:0.###}", $"{x.CurrentP50:0.###}", double.IsNaN(x.Ratio) ? "-" : $"{x.Ratio:0.###}",
                x.PValue is { } p ? $"{p:0.####}" : "-", x.Verdict switch { CellVerdict.Worse => "[red]worse[/]", CellVerdict.Better => "[green]better[/]", var v => v.ToString().ToLowerInvariant() });
        AnsiConsole.Write(table);
        foreach (var n in r.EnvironmentNotes) AnsiConsole.MarkupLine($"[yellow]environment: {Markup.Escape(n)}[/]");
        foreach (var c in r.Conformance) AnsiConsole.MarkupLine($"{(c.LessSafe ? "[red]LESS SAFE[/]" : "changed")}: {Markup.Escape(c.Tier)} {Markup.Escape(c.Check)} {c.Baseline} → {c.Current}");
        var md = Path.Combine(currentDir, "compare.md");
        File.WriteAllText(md, Comparer.ToMarkdown(r, s.Baseline!, currentDir));
        var worse = r.Rows.Where(x => x.Verdict == CellVerdict.Worse).Select(x => x.Tier).Concat(r.Conformance.Where(c => c.LessSafe).Select(c => c.Tier)).Distinct().ToList();
        AnsiConsole.MarkupLine(r.Regressed ? $"[red]REGRESSION in: {Markup.Escape(string.Join(", ", worse))}[/] → {Markup.Escape(md)}" : $"[green]no regression[/] → {Markup.Escape(md)}");
        return Task.FromResult(r.Regressed ? 1 : 0);
    }
}
