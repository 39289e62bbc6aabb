using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace Stationery.Chat.Live;

/// <summary>
/// Watches this replica's fan-out endpoint. Its queue is temporary (exclusive to the broker connection), so when the
/// connection is lost the queue goes with it and every push published meanwhile is gone; MassTransit reconnects and
/// declares a fresh queue, and the endpoint is ready again. From the second ready on, this replica tells every client
/// connected to it to <c>resync</c> (<see cref="ChatHub.Resync"/>): fetch what it missed in its open channel and the
/// channel list's unread counts. The clients' own SignalR reconnects are covered by <c>ready</c>.
/// </summary>
public sealed class LiveResync(IHubContext<ChatHub> hub, ILogger<LiveResync> log) : IReceiveEndpointObserver
{
    private int readies;

    /// <summary>How many times the fan-out endpoint came back after its first start (and the clients were told to resync).</summary>
    public int Resyncs => Math.Max(0, Volatile.Read(ref readies) - 1);

    public async Task Ready(ReceiveEndpointReady ready)
    {
        if (!ready.IsStarted || Interlocked.Increment(ref readies) == 1) return;
        log.LogWarning("Live fan-out endpoint {Address} is ready again after a broker connection loss: clients told to resync",
            ready.InputAddress);
        await hub.Clients.All.SendAsync(ChatHub.Resync, new LiveResyncNotice(DateTimeOffset.UtcNow));
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        log.LogWarning(faulted.Exception, "Live fan-out endpoint {Address} faulted: pushes are lost until it is ready again",
            faulted.InputAddress);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
}

/// <summary>Pushes may have been lost since the client's last message: fetch what is newer than the last seq shown.</summary>
public sealed record LiveResyncNotice(DateTimeOffset At);
