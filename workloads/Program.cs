using Sbw.CodeExec;
using Sbw.Core;
using Sbw.Guest;
using Sbw.Memory;
using Sbw.Syscalls;
using Sbw.ToolCall;

// sbw <workload> [--option value ...]; as PID 1 (or "sbw init") it is the microVM's init.
IWorkload[] workloads =
[
    new TrueWorkload(), new GetpidWorkload(), new FileLoopWorkload(), new MixedFsWorkload(), new MemoryWorkload(),
    new ToolCallWorkload(), new CodeExecWorkload(), new IdleWorkload(), new FaultWorkload(),
    new Sbw.Probe.ProbeWorkload(), new Sbw.Probe.ListenWorkload(),
];

int Dispatch(string[] argv)
{
    if (argv.Length == 0 || argv[0] is "--help" or "-h" or "help")
    {
        Console.WriteLine("usage: sbw <workload> [--option value ...]\n");
        foreach (var w in workloads) Console.WriteLine($"  {w.Name,-10} {w.Help}");
        return argv.Length == 0 ? 2 : 0;
    }
    var workload = workloads.FirstOrDefault(w => w.Name == argv[0]);
    if (workload is null)
    {
        Console.Error.WriteLine($"sbw: unknown workload '{argv[0]}'; known: {string.Join(", ", workloads.Select(w => w.Name))}");
        return 2;
    }
    try
    {
        var parsed = new Args(argv.Skip(1));
        if (parsed.Help) { Console.WriteLine($"sbw {workload.Name}: {workload.Help}"); return 0; }
        return workload.Run(parsed);
    }
    catch (UsageException e)
    {
        Console.Error.WriteLine($"sbw {workload.Name}: {e.Message}");
        return 2;
    }
}

if (Environment.ProcessId == 1 && (args.Length == 0 || args[0] == "init"))
    return new GuestInit(Dispatch).Run();
return Dispatch(args);
