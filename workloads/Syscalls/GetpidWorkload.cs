using System.Diagnostics;
using System.Globalization;
using Sbw.Core;

namespace Sbw.Syscalls;

/// <summary>Tight loop of raw syscall(SYS_getpid): the cheapest kernel entry, so its ns/op is pure sandbox overhead.</summary>
public sealed class GetpidWorkload : IWorkload
{
    public string Name => "getpid";
    public string Help => "--iterations N (default 1000000): raw syscall(SYS_getpid) calls; --rounds R (default 3): best/median of R";

    public int Run(Args args)
    {
        long n = args.Long("iterations", 1_000_000, 1, 1_000_000_000);
        long rounds = args.Long("rounds", 3, 1, 100);
        args.EnsureAllUsed();
        Output.Ready(Name);
        var perRound = new List<double>();
        for (long r = 0; r < rounds; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (long i = 0; i < n; i++) Native.Syscall(Native.SYS_getpid, 0, 0, 0, 0, 0, 0);
            perRound.Add(Stopwatch.GetElapsedTime(t0).TotalNanoseconds / n);
        }
        perRound.Sort();
        Output.Emit(Name, new Dictionary<string, string> { ["iterations"] = n.ToString(CultureInfo.InvariantCulture), ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture) },
        [
            new Metric("getpid_ns_per_op", "ns", perRound[0]),
            new Metric("getpid_ns_per_op_median", "ns", perRound[perRound.Count / 2]),
        ]);
        return 0;
    }
}
