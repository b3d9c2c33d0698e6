using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Oci;

// The subset of the OCI runtime spec (config.json) the harness writes. Typed, so a typo is a compile error.
public sealed record OciSpec(
    string OciVersion,
    OciProcess Process,
    OciRoot Root,
    string Hostname,
    IReadOnlyList<OciMount> Mounts,
    OciLinux Linux)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record OciProcess(
    bool Terminal,
    OciUser User,
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string Cwd,
    OciCapabilities Capabilities,
    IReadOnlyList<OciRlimit> Rlimits,
    bool NoNewPrivileges);

public sealed record OciUser(uint Uid, uint Gid);

public sealed record OciCapabilities(
    IReadOnlyList<string> Bounding, IReadOnlyList<string> Effective, IReadOnlyList<string> Permitted,
    IReadOnlyList<string> Inheritable, IReadOnlyList<string> Ambient);

public sealed record OciRlimit(string Type, ulong Hard, ulong Soft);

public sealed record OciRoot(string Path, bool Readonly);

public sealed record OciMount(string Destination, string Type, string Source, IReadOnlyList<string>? Options = null);

public sealed record OciLinux(
    IReadOnlyList<OciNamespace> Namespaces,
    OciResources? Resources,
    string? CgroupsPath,
    OciSeccomp? Seccomp,
    IReadOnlyList<string>? MaskedPaths,
    IReadOnlyList<string>? ReadonlyPaths);

public sealed record OciNamespace(string Type, string? Path = null);

public sealed record OciResources(IReadOnlyList<OciDeviceRule> Devices, OciMemory? Memory, OciPids? Pids);

public sealed record OciDeviceRule(bool Allow, string Access, string? Type = null, long? Major = null, long? Minor = null);

public sealed record OciMemory(long Limit, long? Swap = null);

public sealed record OciPids(long Limit);

public sealed record OciSeccomp(string DefaultAction, IReadOnlyList<string> Architectures, IReadOnlyList<OciSyscallRule> Syscalls,
    uint? DefaultErrnoRet = null);

public sealed record OciSyscallRule(IReadOnlyList<string> Names, string Action, uint? ErrnoRet = null, IReadOnlyList<OciSyscallArg>? Args = null);

public sealed record OciSyscallArg(uint Index, ulong Value, ulong ValueTwo, string Op);
