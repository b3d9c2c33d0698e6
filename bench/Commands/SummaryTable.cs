using Harness.Stats;
using Spectre.Console;

namespace Harness.Commands;

public static class SummaryTable
{
    private static readonly string[] Headline =
    [
        "cold_start_ready_ms", "exit_ms", "getpid_ns_per_op_slowdown_vs_host", "file_cycle_ns_per_op_slowdown_vs_host",
        "mem_pss_per_instance_bytes", "mem_available_drop_per_instance_bytes", "density_instances",
    ];

    /// <summary>The headline figures per tier on the terminal; everything else is in summary.csv.</summary>
    public static void Print(IReadOnlyList<SummaryRow> rows)
    {
        var table = new Table().AddColumns("workload", "metric", "tier", "platform/accel", "n", "p50", "p95", "unit");
        foreach (var r in rows.Where(r => Headline.Contains(r.Metric) && (r.Metric != "exit_ms" || r.Workload == "toolcall")))
            table.AddRow(r.Workload, r.Metric, r.Tier, Markup.Escape(r.PlatformOrAccel), r.N.ToString(), Fmt(r.P50), Fmt(r.P95), r.Unit);
        AnsiConsole.Write(table);
    }

    public static string Fmt(double v) => double.IsNaN(v) ? "-" : Math.Abs(v) >= 1e6 ? v.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture) : v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
