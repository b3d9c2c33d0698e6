using System.ComponentModel;
using Harness.Core;
using Harness.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

public sealed class RecommendSettings : CommandSettings
{
    [CommandOption("--run <RUN_DIR>")][Description("Run folder with the measured figures (default: newest)")] public string? Run { get; init; }
    [CommandOption("--trust <TRUST>")][Description("internal | user")] public string Trust { get; init; } = "user";
    [CommandOption("--budget-ms <MS>")][Description("Latency budget for start-up")] public double BudgetMs { get; init; } = 250;
    [CommandOption("--duration-s <S>")][Description("How long the workload runs")] public double DurationS { get; init; } = 1;
    [CommandOption("--regulated")][Description("VM-grade isolation required (FedRAMP High, EU AI Act high-risk, PCI…)")] public bool Regulated { get; init; }
    [CommandOption("--tenancy <T>")][Description("single | multi")] public string Tenancy { get; init; } = "single";
    [CommandOption("--role <R>")][Description("runtime | sandbox (the agent's runtime or its code-execution sandbox)")] public string Role { get; init; } = "runtime";

    public override ValidationResult Validate() =>
        Trust is not ("internal" or "user") ? ValidationResult.Error("--trust must be internal or user")
        : Tenancy is not ("single" or "multi") ? ValidationResult.Error("--tenancy must be single or multi")
        : Role is not ("runtime" or "sandbox") ? ValidationResult.Error("--role must be runtime or sandbox")
        : BudgetMs <= 0 || DurationS <= 0 ? ValidationResult.Error("--budget-ms and --duration-s must be positive")
        : ValidationResult.Success();
}

/// <summary>The article's decision framework on measured data, plus the hybrid-routing view for its workload mix.</summary>
public sealed class RecommendCommand : HarnessCommand<RecommendSettings>
{
    protected override Task<int> RunAsync(RecommendSettings s, CancellationToken ct)
    {
        var run = RunData.Load(s.Run ?? ReportCommand.Newest(HarnessPaths.Default().ResultsRoot));
        var r = new Recommender(run);
        var p = new WorkloadProfile(s.Trust == "internal" ? Trust.Internal : Trust.UserSupplied, s.BudgetMs, s.DurationS, s.Regulated,
            s.Tenancy == "multi" ? Tenancy.Multi : Tenancy.Single, s.Role == "sandbox" ? Role.CodeSandbox : Role.AgentRuntime);
        var rec = r.Recommend(p);
        AnsiConsole.MarkupLine($"recommended: [bold]{rec.Tier}[/] (p50 cold start {rec.ColdStartMs?.ToString("0.#") ?? "-"} ms, memory {rec.MemoryMb?.ToString("0.#") ?? "-"} MB/instance)");
        AnsiConsole.MarkupLine($"runner-up:   {rec.RunnerUp ?? "-"}");
        AnsiConsole.MarkupLine($"why:         {Markup.Escape(rec.Why)}");
        AnsiConsole.MarkupLine($"figures from run {Markup.Escape(run.Manifest.RunId)} ({run.Manifest.Profile}, microVM {Markup.Escape(run.Platform(Recommender.MicroVm))})");
        return Task.FromResult(0);
    }
}
