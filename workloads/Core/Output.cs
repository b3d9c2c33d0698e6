using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sbw.Core;

public sealed record Metric(string Name, string Unit, double Value, int? Index = null);

public sealed record Result(
    string Workload,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<Metric> Metrics,
    double CpuUserMs,
    double CpuSysMs,
    long MaxRssKb,
    double WallMs);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Result))]
internal sealed partial class OutputJson : JsonSerializerContext;

/// <summary>The line protocol every host-side driver parses: a ready marker first, a result line last.</summary>
public static class Output
{
    public const string ReadyMarker = "SBW-READY";
    public const string ResultMarker = "SBW-RESULT ";
    private static readonly Stream Stdout = Console.OpenStandardOutput();
    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void WriteLine(string line)
    {
        // Straight to fd 1, no buffering layers: the host timestamps the first byte of the ready line.
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        Stdout.Write(bytes);
        Stdout.Flush();
    }

    public static void Ready(string workload) => WriteLine($"{ReadyMarker} {workload}");

    public static void Emit(string workload, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<Metric> metrics)
    {
        var u = Native.SelfUsage();
        var r = new Result(workload, parameters, metrics, Math.Round(u.UserMs, 3), Math.Round(u.SysMs, 3), u.MaxRssKb,
            Math.Round(Clock.Elapsed.TotalMilliseconds, 3));
        WriteLine(ResultMarker + JsonSerializer.Serialize(r, OutputJson.Default.Result));
    }
}
