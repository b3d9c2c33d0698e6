using System.ComponentModel;
using Harness.Conformance;
using Harness.Tiers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

public sealed class ConformanceSettings : CommandSettings
{
    [CommandOption("--tier <TIERS>")][Description("Comma-separated tiers (default: the four core tiers)")] public string? Tiers { get; init; }
    [CommandOption("--out <DIR>")][Description("Where conformance.csv goes (default: results/conformance-<utc>)")] public string? Out { get; init; }
}

/// <summary>Runs the escape-surface probe in each tier and judges it against conformance/expectations.json; non-zero on a violation.</summary>
public sealed class ConformanceCommand : HarnessCommand<ConformanceSettings>
{
    protected override async Task<int> RunAsync(ConformanceSettings s, CancellationToken ct)
    {
        var (paths, context) = Environment();
        var ids = CommaList(s.Tiers) ?? [.. TierRegistry.Core];
        var tiers = TierRegistry.Select(TierRegistry.Create(context), ids);
        var dir = s.Out ?? Path.Combine(paths.ResultsRoot, $"conformance-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        var rows = await ConformanceSuite.RunAsync(context, tiers, dir, m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"), ct);
        Print(rows);
        var failed = rows.Where(r => r.Verdict is "fail" or "missing").ToList();
        foreach (var f in failed) AnsiConsole.MarkupLine($"[red]{Markup.Escape(f.Tier)} {Markup.Escape(f.Check)}: {f.Outcome}, expected {f.Expected} ({Markup.Escape(f.Evidence)})[/]");
        AnsiConsole.MarkupLine($"{rows.Count} verdicts, {failed.Count} violated → {Markup.Escape(Path.Combine(dir, "conformance.csv"))}");
        return failed.Count == 0 ? 0 : 1;
    }

    public static void Print(IReadOnlyList<ConformanceRow> rows)
    {
        var tiers = rows.Select(r => r.Tier).Distinct().ToList();
        var table = new Table().AddColumn("check");
        foreach (var t in tiers) table.AddColumn(t);
        foreach (var check in rows.Select(r => r.Check).Distinct())
            table.AddRow([check, .. tiers.Select(t => rows.FirstOrDefault(r => r.Tier == t && r.Check == check) is { } r
                ? $"{(r.Verdict == "fail" ? "[red]" : r.Outcome == "exposed" ? "[yellow]" : "[green]")}{r.Outcome}[/]" : "-")]);
        AnsiConsole.Write(table);
        foreach (var t in tiers)
            AnsiConsole.MarkupLine($"{t}: " + string.Join(", ", ProbeReport.Outcomes.Select(o => $"{o} {rows.Count(r => r.Tier == t && r.Outcome == o)}")));
    }
}
