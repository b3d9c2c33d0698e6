using Harness.Commands;
using Spectre.Console.Cli;

// Redirected output (CI logs, files) gets a wide, plain table instead of an 80-column wrap.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 220;
var app = new CommandApp();
app.Configure(c =>
{
    c.SetApplicationName("bench");
    c.AddCommand<DoctorCommand>("doctor").WithDescription("What is installed, which tiers can run, whether KVM works; --clean removes leftovers");
    c.AddCommand<ConformanceCommand>("conformance").WithDescription("Run the escape-surface probe in each tier and judge it against conformance/expectations.json");
    c.AddCommand<ReportCommand>("report").WithDescription("Plots, report.md/html and summary.csv for a run folder");
    c.AddCommand<RecommendCommand>("recommend").WithDescription("The article's tier decision on measured figures");
    c.AddCommand<RunCommand>("run").WithDescription("Measure cold start, workloads, memory and density across tiers");
});
return await app.RunAsync(args);
