using System.ComponentModel;
using Harness.Conformance;
using Harness.Core;
using Harness.Images;
using Harness.Measurements;
using Harness.Results;
using Harness.Stats;
using Harness.Tiers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

public sealed class RunSettings : CommandSettings
{
    [CommandOption("--quick")][Description("Small n, every tier × workload, minutes (default)")] public bool Quick { get; init; }
    [CommandOption("--full")][Description("n = 30 per cell (codeexec: 3 runs of 30 s), p50/p95/p99")] public bool Full { get; init; }
    [CommandOption("--nightly")][Description("Quick sizes with n ≥ 8 per cell: the stable profile the regression compare uses")] public bool Nightly { get; init; }
    [CommandOption("--tier <TIERS>")][Description("Comma-separated tier ids (default: every usable tier)")] public string? Tiers { get; init; }
    [CommandOption("--workload <WORKLOADS>")][Description("Comma-separated workload ids (default: all)")] public string? Workloads { get; init; }
    [CommandOption("--no-density")][Description("Skip the density ramp and memory-per-instance views")] public bool NoDensity { get; init; }
    [CommandOption("--results <DIR>")][Description("Results root (default: results/ in the repository)")] public string? Results { get; init; }
    [CommandOption("--resume <RUN_DIR>")][Description("Continue an interrupted run in this folder, skipping measured cells")] public string? Resume { get; init; }
    [CommandOption("--no-crosscheck")][Description("Skip the hyperfine cross-check of the harness's timer")] public bool NoCrossCheck { get; init; }
    [CommandOption("--crosscheck-runs <N>")][Description("Runs per timer in the hyperfine cross-check (default: 60 quick, 100 nightly, 150 full)")] public int? CrossCheckRuns { get; init; }
    [CommandOption("--no-conformance")][Description("Skip the escape-surface probe per tier")] public bool NoConformance { get; init; }
    [CommandOption("--no-report")][Description("Skip plots and report.md/html")] public bool NoReport { get; init; }
    [CommandOption("--test-inject-delay <TIER_MS>")][Description("TEST ONLY: add a fixed delay to every start of one tier, e.g. runc-standard=20 (proves compare catches it)")]
    public string? InjectDelay { get; init; }
    [CommandOption("--kernel <FLAVOUR>")][Description("Guest kernel flavour: minimal (built from linux-source), cloud or generic")] public string Kernel { get; init; } = "cloud";

    public override ValidationResult Validate() =>
        new[] { Quick, Full, Nightly }.Count(b => b) > 1 ? ValidationResult.Error("choose one of --quick, --nightly and --full")
        : CrossCheckRuns is < 2 or > 10_000 ? ValidationResult.Error($"--crosscheck-runs must be 2-10000, got {CrossCheckRuns}")
        : ValidationResult.Success();
}

/// <summary>Measures every usable tier: workloads round-robin, then density and memory; samples.csv grows row by row.</summary>
public sealed class RunCommand : HarnessCommand<RunSettings>
{
    protected override async Task<int> RunAsync(RunSettings s, CancellationToken ct)
    {
        var profile = s.Full ? RunProfile.Full : s.Nightly ? RunProfile.Nightly : RunProfile.Quick;
        var workloads = WorkloadCatalog.Select(CommaList(s.Workloads));
        var (paths, context) = Environment(new ImageOptions(KernelFlavour: s.Kernel));
        var all = TierRegistry.Create(context);
        var wanted = TierRegistry.Select(all, CommaList(s.Tiers));
        var resultsRoot = s.Results ?? paths.ResultsRoot;

        using var runLock = FileLock.TryAcquire(paths.LockFile)
            ?? throw new HarnessException($"another harness run is in progress (lock {paths.LockFile} is held); wait for it or stop it first");

        string dir;
        var done = new HashSet<string>();
        if (s.Resume is not null)
        {
            dir = Path.GetFullPath(s.Resume);
            var old = RunManifest.Load(dir);
            if (old.Profile != profile.ToString().ToLowerInvariant()) throw new HarnessException($"{dir} was a {old.Profile} run; resume it with --{old.Profile}");
            foreach (var r in CsvFiles.Read<Sample>(Path.Combine(dir, "samples.csv"))) done.Add(Campaign.CellKey(r.Tier, r.Workload, r.Iteration));
        }
        else
        {
            var runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{profile.ToString().ToLowerInvariant()}";
            dir = Path.Combine(resultsRoot, runId);
            try { Directory.CreateDirectory(dir); File.WriteAllText(Path.Combine(dir, ".write-test"), ""); File.Delete(Path.Combine(dir, ".write-test")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HarnessException($"results folder {dir} is not writable ({e.Message}); pass --results <writable dir>");
            }
        }

        var images = await context.ImagesAsync(ct);
        var host = HostFacts.Read();
        var statuses = new List<TierStatus>();
        foreach (var t in wanted) statuses.Add(await t.DetectAsync(ct));
        foreach (var st in statuses.Where(x => !x.Usable)) AnsiConsole.MarkupLine($"[yellow]skip {st.TierId}: {Markup.Escape(st.Reason)}[/]");
        var usable = wanted.Where(t => statuses.First(x => x.TierId == t.Id).Usable).ToList();
        if (usable.Count == 0) throw new HarnessException("no selected tier is usable here; run 'doctor' to see why");

        string runIdFinal = Path.GetFileName(dir);
        var baseline = new HostNativeTier(context);
        var baselineStatus = await baseline.DetectAsync(ct);
        RowContext Rows(TierStatus st, ITier t) => new(runIdFinal, host.Host, host.Kernel, t.Id, Path.GetFileName(st.RuntimePath ?? t.Id), st.RuntimeVersion ?? "", st.PlatformOrAccel, profile.ToString().ToLowerInvariant());
        var delay = ParseDelay(s.InjectDelay, usable);
        var measured = usable.Select(t => new MeasuredTier(t, Rows(statuses.First(x => x.TierId == t.Id), t))
            {
                Weakening = delay is { } d && d.Tier == t.Id ? new SandboxWeakening { InjectedDelay = d.Delay } : SandboxWeakening.None,
            })
            .Prepend(new MeasuredTier(baseline, Rows(baselineStatus, baseline))).ToList();

        var notes = new List<string>
        {
            delay is { } dl ? $"TEST RUN: {dl.Tier} starts were delayed by {dl.Delay.TotalMilliseconds} ms on purpose (--test-inject-delay); not a measurement" : "",
            profile switch { RunProfile.Quick => "quick profile: small n per cell; percentiles above p50 are indicative only", RunProfile.Nightly => "nightly profile: quick sizes, n ≥ 8 per cell", _ => "full profile: n ≥ 30 for start-up cells" },
            $"images: standard {images.Standard.Surface.Files} files / {images.Standard.Surface.Bytes >> 20} MiB; hardened {images.Hardened.Surface.Files} files / {images.Hardened.Surface.Bytes >> 10} KiB; guest kernel {images.MicroVm.Kernel.Package}",
        };
        var manifest = new RunManifest(RunManifest.CurrentFormat, runIdFinal, profile.ToString().ToLowerInvariant(), DateTime.UtcNow, null, "running",
            host, [.. statuses, baselineStatus], workloads.Select(w => w.Id).ToList(), notes.Where(n => n.Length > 0).ToList());
        manifest.Save(dir);
        AnsiConsole.MarkupLine($"run [bold]{runIdFinal}[/] → {Markup.Escape(dir)}");

        using var sink = new SampleSink(Path.Combine(dir, "samples.csv"));
        string status = "partial";
        IReadOnlyList<SummaryRow> summary = [];
        try
        {
            // One body, two displays: a live progress bar with ETA on a terminal, one plain line per step when
            // redirected (CI logs, tests that wait for a step).
            async Task Measure(Func<string, int, Action<string>> track)
            {
                var step = track("workloads", Campaign.CountRuns(measured.Count, workloads, profile));
                await new Campaign(measured, workloads, profile, sink, done, step).RunAsync(ct);
                if (s.NoDensity) return;
                var limits = DensityLimits.For(profile);
                foreach (var t in measured.Where(m => m.Driver is not HostNativeTier))
                {
                    if (done.Contains(Campaign.CellKey(t.Rows.Tier, "idle", 0))) continue;
                    var ramp = new DensityRamp(t.Driver, limits, new ProcHostMemory(), track($"{t.Rows.Tier} density", limits.MaxInstances));
                    sink.AddRange(DensityRamp.Rows(t.Rows, await ramp.RunAsync(ct)));
                }
            }
            if (Console.IsOutputRedirected)
                await Measure((_, _) => msg => AnsiConsole.WriteLine(msg));
            else
                await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(pctx => Measure((name, max) =>
                    {
                        var task = pctx.AddTask(name, maxValue: max);
                        return msg => { task.Description = Markup.Escape(msg); task.Increment(1); };
                    }));
            if (!s.NoCrossCheck)
                foreach (var t in measured.Where(m => m.Driver is RuncStandardTier or GvisorTier))
                {
                    if (done.Contains(Campaign.CellKey(t.Rows.Tier, "crosscheck", 0))) continue;
                    AnsiConsole.MarkupLine($"[grey]independent check: {t.Rows.Tier} timed by the harness and by hyperfine[/]");
                    if (await IndependentCheck.RunAsync((OciTier)t.Driver, s.CrossCheckRuns ?? IndependentCheck.DefaultRuns(profile), m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"), ct) is { } cc)
                        sink.AddRange(IndependentCheck.Rows(t.Rows, cc));
                }
            if (!s.NoConformance)
                await ConformanceSuite.RunAsync(context, usable, dir, m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"), ct);
            status = "complete";
        }
        finally
        {
            // An interrupted run keeps its rows, is marked partial, and still gets a summary of what it measured.
            var samples = CsvFiles.Read<Sample>(Path.Combine(dir, "samples.csv"));
            summary = Summary.Of(samples);
            CsvFiles.Write(Path.Combine(dir, "summary.csv"), summary);
            (manifest with { Status = status, FinishedUtc = DateTime.UtcNow }).Save(dir);
            AnsiConsole.MarkupLine($"{samples.Count} samples, status [bold]{status}[/] → {Markup.Escape(dir)}");
        }
        SummaryTable.Print(summary);
        if (!s.NoReport)
            foreach (var f in Reporting.ReportBuilder.Write(dir)) AnsiConsole.MarkupLine($"wrote {Markup.Escape(Path.Combine(dir, f))}");
        return 0;
    }

    private static (string Tier, TimeSpan Delay)? ParseDelay(string? spec, IReadOnlyList<ITier> tiers)
    {
        if (spec is null) return null;
        var parts = spec.Split('=');
        if (parts.Length != 2 || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) || ms <= 0 || ms > 60_000)
            throw new HarnessException($"--test-inject-delay must look like runc-standard=20 (ms, 0-60000), got '{spec}'");
        if (tiers.All(t => t.Id != parts[0])) throw new HarnessException($"--test-inject-delay names tier '{parts[0]}', which is not among the measured tiers");
        return (parts[0], TimeSpan.FromMilliseconds(ms));
    }

}
