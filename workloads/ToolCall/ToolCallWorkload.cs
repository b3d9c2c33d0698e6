using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sbw.Core;

namespace Sbw.ToolCall;

/// <summary>What one agent tool call does: parse a JSON request, search a small corpus, transform JSON, write a file, answer.</summary>
public sealed class ToolCallWorkload : IWorkload
{
    public string Name => "toolcall";
    public string Help => "--request JSON (default {\"pattern\":\"err(or)?\\\\s+\\\\d+\",\"docs\":200}); --dir PATH (default /tmp)";

    private const string DefaultRequest = "{\"pattern\":\"err(or)?\\\\s+\\\\d+\",\"docs\":200}";

    public int Run(Args args)
    {
        string requestText = args.String("request") ?? DefaultRequest;
        string dir = args.String("dir") ?? "/tmp";
        args.EnsureAllUsed();
        long t0 = Stopwatch.GetTimestamp();
        JsonNode request;
        try { request = JsonNode.Parse(requestText) ?? throw new UsageException("--request is JSON null"); }
        catch (JsonException e) { throw new UsageException($"--request is not valid JSON: {e.Message}"); }
        string pattern = request["pattern"]?.GetValue<string>() ?? throw new UsageException("--request needs a string 'pattern'");
        int docs = request["docs"]?.GetValue<int>() ?? 200;
        if (docs is < 1 or > 100_000) throw new UsageException("'docs' must be in [1, 100000]");
        Regex re;
        try { re = new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new UsageException($"'pattern' is not a valid regex: {e.Message}"); }
        Output.Ready(Name); // after validation: a bad request is a usage error, not a started tool call

        var rng = new Random(7);
        string[] words = ["alpha", "error", "err", "warn", "info", "request", "timeout", "cache", "user", "token"];
        var hits = new JsonArray();
        int total = 0;
        for (int d = 0; d < docs; d++)
        {
            var sb = new StringBuilder();
            for (int w = 0; w < 40; w++) sb.Append(words[rng.Next(words.Length)]).Append(' ').Append(rng.Next(1000)).Append(' ');
            int count = re.Matches(sb.ToString()).Count;
            total += count;
            if (count > 0) hits.Add((JsonNode)new JsonObject { ["doc"] = d, ["matches"] = count });
        }
        var answer = new JsonObject { ["pattern"] = pattern, ["docs"] = docs, ["total"] = total, ["hits"] = hits.Count, ["top"] = hits.Count > 0 ? hits[0]!.DeepClone() : null };
        string text = answer.ToJsonString();
        string outPath = Path.Combine(dir, $"sbw-toolcall-{Environment.ProcessId}.json");
        File.WriteAllText(outPath, text);
        File.Delete(outPath);
        Output.WriteLine(text);
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Output.Emit(Name, new Dictionary<string, string> { ["docs"] = docs.ToString(CultureInfo.InvariantCulture) },
            [new Metric("toolcall_work_ms", "ms", ms), new Metric("toolcall_matches", "count", total)]);
        return 0;
    }
}
