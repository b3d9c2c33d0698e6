using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Harness.Benchmarks;

/// <summary>The one BenchmarkDotNet config: process-level timings, so Monitoring strategy with one invocation per
/// iteration (no unrolling, no pilot: each iteration is one sandbox start), in-process, Markdown + CSV exporters.</summary>
public static class BenchmarkConfigFactory
{
    public static IConfig Create(string artifacts, int iterations = 15) =>
        ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(iterations)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("sandbox-start"))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
}
