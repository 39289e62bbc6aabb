using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Stationery.Faults.Tests;

/// <summary>
/// A TCP proxy the fault suite controls, on a free loopback port in front of one upstream address (RabbitMQ): it can delay
/// every chunk it forwards (<see cref="Latency"/>, in both directions, order kept) and partition the link
/// (<see cref="Partition"/>: every open connection is reset, and new ones are accepted and reset at once until
/// <see cref="Heal"/>). A test tool written on <c>System.Net.Sockets</c>: the package mirror has no TCP fault proxy
/// (Yarp is HTTP-only; Toxiproxy is a server of its own, not a package).
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint upstream;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Link> links = [];
    private readonly Task accepting;
    private volatile bool partitioned;
    private int connections, cut, refused;

    private TcpFaultProxy(DnsEndPoint upstream)
    {
        this.upstream = upstream;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Starts a proxy in front of <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static TcpFaultProxy Start(string host, int port) => new(new DnsEndPoint(host, port));

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>
    /// The delay every chunk waits before it is forwarded, drawn anew per chunk between the two bounds; a chunk never
    /// overtakes the one before it. Zero by default.
    /// </summary>
    public (TimeSpan Min, TimeSpan Max) Latency { get; set; }

    /// <summary>Connections made through the proxy (to upstream), connections cut by a partition, and attempts refused during one.</summary>
    public (int Connections, int Cut, int Refused) Counts => (connections, cut, refused);

    /// <summary>Resets every open connection and refuses (accepts and resets) new ones until <see cref="Heal"/>.</summary>
    public void Partition()
    {
        partitioned = true;
        List<Link> open;
        lock (links)
        {
            open = [.. links];
            links.Clear();
        }
        foreach (var link in open)
        {
            link.Reset();
            Interlocked.Increment(ref cut);
        }
    }

    /// <summary>New connections are forwarded again.</summary>
    public void Heal() => partitioned = false;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await accepting; }
        catch (OperationCanceledException) { }
        lock (links)
        {
            foreach (var link in links) link.Reset();
            links.Clear();
        }
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (partitioned)
            {
                Interlocked.Increment(ref refused);
                Reset(client);
                continue;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try { await server.ConnectAsync(upstream, stop.Token); }
        catch (Exception)
        {
            Reset(client);
            Reset(server);
            return;
        }
        var link = new Link(client, server);
        lock (links)
        {
            if (partitioned || stop.IsCancellationRequested)
            {
                link.Reset();
                return;
            }
            links.Add(link);
        }
        Interlocked.Increment(ref connections);
        await Task.WhenAll(PumpAsync(client, server, link), PumpAsync(server, client, link));
        link.Reset();
        lock (links) links.Remove(link);
    }

    /// <summary>One direction: chunks read from <paramref name="from"/> are written to <paramref name="to"/> once their delay is over.</summary>
    private async Task PumpAsync(Socket from, Socket to, Link link)
    {
        var queue = Channel.CreateUnbounded<(byte[] Chunk, long Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = Task.Run(async () =>
        {
            try
            {
                await foreach (var (chunk, due) in queue.Reader.ReadAllAsync(link.Closed))
                {
                    var wait = TimeSpan.FromTicks(due - Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, link.Closed);
                    await to.SendAsync(chunk, SocketFlags.None, link.Closed);
                }
            }
            catch (Exception) { link.Reset(); }
        });
        var buffer = new byte[16 * 1024];
        long lastDue = 0;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, link.Closed);
                if (read == 0) break;
                var (min, max) = Latency;
                var delay = min + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * Math.Max(0, (max - min).Ticks)));
                lastDue = Math.Max(lastDue, Environment.TickCount64 * TimeSpan.TicksPerMillisecond + delay.Ticks);
                queue.Writer.TryWrite((buffer.AsSpan(0, read).ToArray(), lastDue));
            }
        }
        catch (Exception) { link.Reset(); }
        queue.Writer.TryComplete();
        await writing;
        // A clean end of one direction is passed on as one (the other direction goes on).
        try { if (!link.Closed.IsCancellationRequested) to.Shutdown(SocketShutdown.Send); }
        catch (Exception) { link.Reset(); }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, as a dropped link does
            socket.Close();
        }
        catch (Exception) { }
    }

    private sealed class Link(Socket client, Socket server)
    {
        private readonly CancellationTokenSource closed = new();
        private int reset;

        public CancellationToken Closed => closed.Token;

        public void Reset()
        {
            if (Interlocked.Exchange(ref reset, 1) == 1) return;
            closed.Cancel();
            TcpFaultProxy.Reset(client);
            TcpFaultProxy.Reset(server);
        }
    }
}
