using System.ComponentModel;
using Harness.Conformance;
using Harness.Results;
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
        var expectations = Expectations.Load(paths);
        var ids = s.Tiers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [.. TierRegistry.Core];
        var tiers = TierRegistry.Select(TierRegistry.Create(context), ids);
        var rows = new List<ConformanceRow>();
        foreach (var t in tiers)
        {
            var st = await t.DetectAsync(ct);
            if (!st.Usable) { AnsiConsole.MarkupLine($"[yellow]skip {t.Id}: {Markup.Escape(st.Reason)}[/]"); continue; }
            var probe = await ConformanceRunner.ProbeAsync(t, TimeSpan.FromSeconds(t.Class == TierClass.MicroVm ? 180 : 60), ct);
            rows.AddRange(ConformanceRunner.Judge(t.Id, probe.Report, expectations.For(t.Id)));
        }
        var dir = s.Out ?? Path.Combine(paths.ResultsRoot, $"conformance-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(dir);
        CsvFiles.Write(Path.Combine(dir, "conformance.csv"), rows);
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
