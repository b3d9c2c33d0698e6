using System.Runtime.InteropServices;
using Harness.Core;
using Harness.Images;
using Harness.Tiers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

/// <summary>Base for every command: one-line errors with exit code 2 for bad input, Ctrl-C/SIGTERM turned into
/// cancellation (so drivers clean up), and the shared harness environment.</summary>
public abstract class HarnessCommand<TSettings> : AsyncCommand<TSettings> where TSettings : CommandSettings
{
    public const int ExitBadInput = 2;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        try
        {
            return await RunAsync(settings, cts.Token);
        }
        catch (HarnessException e)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(Core.Text.Sanitize(e.Message, 2000))}");
            return ExitBadInput;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]interrupted: sandboxes stopped and cleaned up[/]");
            return 130;
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken ct);

    /// <summary>"a, b,,c" → [a, b, c]; null stays null (option not given).</summary>
    protected static List<string>? CommaList(string? s) => s?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    protected static (HarnessPaths Paths, TierContext Context) Environment(ImageOptions? images = null, TierOptions? options = null)
    {
        var paths = HarnessPaths.Default();
        void Log(string m) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]");
        var builder = new ImageBuilder(paths, Log);
        var io = images ?? new ImageOptions();
        return (paths, new TierContext(paths, options ?? new TierOptions(), ct => builder.EnsureAsync(io, ct), Log));
    }
}
