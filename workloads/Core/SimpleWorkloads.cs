using Sbw.Core;

namespace Sbw.Core;

/// <summary>Start, say ready, report, exit: the cold-start workload.</summary>
public sealed class TrueWorkload : IWorkload
{
    public string Name => "true";
    public string Help => "no options: prints ready and an empty result";

    public int Run(Args args)
    {
        args.EnsureAllUsed();
        Output.Ready(Name);
        Output.Emit(Name, new Dictionary<string, string>(), []);
        return 0;
    }
}

/// <summary>Start, say ready, then block in pause(2) until killed: the density workload.</summary>
public sealed class IdleWorkload : IWorkload
{
    public string Name => "idle";
    public string Help => "no options: prints ready and waits until killed";

    public int Run(Args args)
    {
        args.EnsureAllUsed();
        Output.Ready(Name);
        while (true) Native.Pause();
    }
}

/// <summary>Fault-injection helpers for the harness's own fault tests: hang, crash or exit with a code.</summary>
public sealed class FaultWorkload : IWorkload
{
    public string Name => "fault";
    public string Help => "--mode hang|exit|crash|noready (required); --code N (default 3, for exit)";

    public int Run(Args args)
    {
        string mode = args.String("mode") ?? throw new UsageException("--mode is required (hang|exit|crash|noready)");
        long code = args.Long("code", 3, 0, 255);
        args.EnsureAllUsed();
        switch (mode)
        {
            case "noready": while (true) Native.Pause();
            case "hang": Output.Ready(Name); while (true) Native.Pause();
            case "exit": Output.Ready(Name); Console.Error.WriteLine($"fault: exiting with {code} on purpose"); return (int)code;
            case "crash": Output.Ready(Name); Environment.FailFast("fault: crash on purpose"); return 134;
            default: throw new UsageException($"--mode must be hang|exit|crash|noready, got '{mode}'");
        }
    }
}
