using System.Diagnostics;
using Harness.Core;

namespace Harness.Conformance;

/// <summary>A TCP listener on loopback inside a network namespace the harness creates (ip netns), bounded in time.
/// A sandbox in its own namespace must not reach it; the egress control run joins the namespace and must.</summary>
public sealed class NetworkSink : IAsyncDisposable
{
    public string Namespace { get; }
    public string NamespacePath => $"/var/run/netns/{Namespace}";
    public string Endpoint => $"127.0.0.1:{Port}";
    public int Port { get; }
    private readonly SandboxProcess _listener;

    private NetworkSink(string ns, int port, SandboxProcess listener) { Namespace = ns; Port = port; _listener = listener; }

    public static async Task<NetworkSink> StartAsync(string sbw, TimeSpan lifetime, CancellationToken ct)
    {
        var ip = Exec.Which("ip") ?? throw new HarnessException("ip (iproute2) is not installed; the egress check needs it");
        var ns = $"{HarnessPaths.Prefix}-sink-{Guid.NewGuid().ToString("N")[..8]}";
        int port = 20000 + Random.Shared.Next(20000);
        await Exec.CheckedAsync(ip, ["netns", "add", ns], TimeSpan.FromSeconds(10), ct);
        try
        {
            await Exec.CheckedAsync(ip, ["-n", ns, "link", "set", "lo", "up"], TimeSpan.FromSeconds(10), ct);
            var p = SandboxProcess.Start(ip, ["netns", "exec", ns, sbw, "listen", "--port", port.ToString(), "--seconds", ((int)lifetime.TotalSeconds).ToString()], Stopwatch.StartNew());
            try { await p.Ready.WaitAsync(TimeSpan.FromSeconds(10), ct); }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                var why = p.StderrTail();
                await p.DisposeAsync();
                throw new HarnessException($"the egress sink did not start in namespace {ns}: {why}");
            }
            return new NetworkSink(ns, port, p);
        }
        catch
        {
            await Exec.RunAsync(ip, ["netns", "del", ns], TimeSpan.FromSeconds(10));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        await Exec.RunAsync(Exec.Which("ip") ?? "ip", ["netns", "del", Namespace], TimeSpan.FromSeconds(10));
    }
}
