using System.Net;
using System.Net.Sockets;
using Sbw.Core;

namespace Sbw.Probe;

/// <summary>A bounded TCP sink for the egress control run: listens on loopback of the namespace it is started in,
/// answers each connection with "ok", and exits after --seconds.</summary>
public sealed class ListenWorkload : IWorkload
{
    public string Name => "listen";
    public string Help => "--port P (required); --seconds S (default 60)";

    public int Run(Args args)
    {
        long port = args.Long("port", 0, 1, 65535);
        double seconds = args.Double("seconds", 60, 1, 600);
        args.EnsureAllUsed();
        if (port == 0) throw new UsageException("--port is required");
        using var l = new TcpListener(IPAddress.Loopback, (int)port);
        l.Start();
        Output.Ready(Name);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (!l.Pending()) { Thread.Sleep(50); continue; }
            using var c = l.AcceptTcpClient();
            c.GetStream().Write("ok\n"u8);
        }
        return 0;
    }
}
