using Harness.Commands;
using Spectre.Console.Cli;

// Redirected output (CI logs, files) gets a wide, plain table instead of an 80-column wrap.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 220;
// "bdn": hand the rest of the arguments to BenchmarkDotNet's own switcher (--filter '*', --list flat, …).
if (args.Length > 0 && args[0] == "bdn")
{
    var artifacts = Path.Combine(Harness.Core.HarnessPaths.Default().ResultsRoot, $"bdn-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
    var summaries = BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes([typeof(Harness.Benchmarks.SandboxStartBenchmarks)])
        .Run(args[1..], Harness.Benchmarks.BenchmarkConfigFactory.Create(artifacts));
    // Exit code from the results: any benchmark that failed to run is a failure.
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

var app = new CommandApp();
app.Configure(c =>
{
    c.SetApplicationName("bench");
    c.PropagateExceptions(); // so bad input is one line and exit code 2, below
    c.AddCommand<DoctorCommand>("doctor").WithDescription("What is installed, which tiers can run, whether KVM works; --clean removes leftovers");
    c.AddCommand<ConformanceCommand>("conformance").WithDescription("Run the escape-surface probe in each tier and judge it against conformance/expectations.json");
    c.AddCommand<ReportCommand>("report").WithDescription("Plots, report.md/html and summary.csv for a run folder");
    c.AddCommand<RecommendCommand>("recommend").WithDescription("The article's tier decision on measured figures");
    c.AddCommand<CompareCommand>("compare").WithDescription("Compare a run to a baseline; non-zero exit on a regression");
    c.AddCommand<RunCommand>("run").WithDescription("Measure cold start, workloads, memory and density across tiers");
});
try
{
    return await app.RunAsync(args);
}
catch (Spectre.Console.Cli.CommandAppException e)
{
    // Unknown command/option, failed validation: one line naming the problem, exit 2, nothing written.
    Spectre.Console.AnsiConsole.MarkupLine($"[red]error:[/] {Spectre.Console.Markup.Escape(e.Message)} (see 'bench --help')");
    return 2;
}
