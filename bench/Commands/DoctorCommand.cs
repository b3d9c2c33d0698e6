using System.ComponentModel;
using Harness.Core;
using Harness.Tiers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Commands;

public sealed class DoctorSettings : CommandSettings
{
    [CommandOption("--require <TIERS>")]
    [Description("Comma-separated tiers that must be usable (default: the four core tiers; 'none' for none)")]
    public string? Require { get; init; }

    [CommandOption("--clean")]
    [Description("Find and remove leftovers of killed runs (containers, VMs, mounts, cgroups, temp dirs)")]
    public bool Clean { get; init; }
}

/// <summary>What is installed, what each tier can run, whether KVM really works. Non-zero when a required tier is unusable.</summary>
public sealed class DoctorCommand : HarnessCommand<DoctorSettings>
{
    protected override async Task<int> RunAsync(DoctorSettings settings, CancellationToken ct)
    {
        var (paths, context) = Environment();
        if (settings.Clean)
        {
            var removed = await new Sweeper(paths).CleanAsync();
            AnsiConsole.MarkupLine(removed.Count == 0 ? "[green]no leftovers found[/]" : $"[yellow]removed {removed.Count} leftover(s):[/]");
            foreach (var d in removed.Describe()) AnsiConsole.MarkupLine($"  {Markup.Escape(d)}");
            var still = new Sweeper(paths).Find();
            if (still.Count > 0) { AnsiConsole.MarkupLine($"[red]{still.Count} leftover(s) could not be removed[/]"); return 1; }
            return 0;
        }
        var host = HostFacts.Read();
        var required = settings.Require switch
        {
            null => TierRegistry.Core,
            "none" => [],
            var s => CommaList(s)!,
        };
        var tiers = TierRegistry.Create(context);
        TierRegistry.Select(tiers, required); // validates names before any work
        AnsiConsole.MarkupLine($"host [bold]{Markup.Escape(host.Host)}[/]  kernel {Markup.Escape(host.Kernel)}  cpu {Markup.Escape(host.Cpu)} × {host.Cores}  " +
            $"mem {host.MemTotalBytes >> 30} GiB  cgroup {host.CgroupMode}  THP {host.Thp}  KSM {host.Ksm}  /dev/kvm {(File.Exists("/dev/kvm") ? "present" : "absent")}");
        var table = new Table().AddColumns("tier", "usable", "runtime", "version", "platform / accel", "reason");
        var statuses = new List<TierStatus>();
        foreach (var t in tiers)
        {
            var s = await t.DetectAsync(ct);
            statuses.Add(s);
            table.AddRow(Markup.Escape(s.TierId), s.Usable ? "[green]yes[/]" : "[red]no[/]", Markup.Escape(s.RuntimePath ?? "-"),
                Markup.Escape(s.RuntimeVersion ?? "-"), Markup.Escape(s.PlatformOrAccel), Markup.Escape(s.Reason));
        }
        AnsiConsole.Write(table);
        var leftovers = new Sweeper(paths).Find();
        if (leftovers.Count > 0) AnsiConsole.MarkupLine($"[yellow]{leftovers.Count} leftover(s) from earlier runs; 'doctor --clean' removes them[/]");
        var missing = statuses.Where(s => required.Contains(s.TierId) && !s.Usable).ToList();
        foreach (var m in missing) AnsiConsole.MarkupLine($"[red]required tier {Markup.Escape(m.TierId)} is not usable: {Markup.Escape(m.Reason)}[/]");
        return missing.Count == 0 ? 0 : 1;
    }
}
