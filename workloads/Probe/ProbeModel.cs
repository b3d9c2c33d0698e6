using System.Text.Json.Serialization;

namespace Sbw.Probe;

/// <summary>exposed: usable against the host; blocked: denied or absent; virtualized: answered by a kernel that is not
/// the host's (gVisor's sentry, a guest kernel); info: recorded, not judged.</summary>
public static class Outcome
{
    public const string Exposed = "exposed", Blocked = "blocked", Virtualized = "virtualized", Info = "info";
}

public sealed record Check(string Id, string Category, string Outcome, string Evidence);

public sealed record ProbeDocument(string Kernel, bool KernelIsHost, IReadOnlyList<Check> Checks);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProbeDocument))]
internal sealed partial class ProbeJson : JsonSerializerContext;
