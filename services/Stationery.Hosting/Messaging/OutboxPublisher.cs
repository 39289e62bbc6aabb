using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// The bus the outbox publishes on: one of its own (its own broker connection, no receive endpoints), so that it can be
/// replaced. RabbitMQ.Client 7.2 can leave a publish waiting for its confirm for ever after the connection was cut and
/// recovered (rabbitmq-dotnet-client#1930; seen here as F8: Purchasing consumed again after a partition, but its outbox
/// stayed 238 events behind for minutes). A publish that gets no answer within <see cref="OutboxForwarder.PublishTimeout"/>
/// makes the forwarder <see cref="RecycleAsync">recycle</see> this bus: the page is retried on a fresh connection, and a
/// late copy of a publish that did land is dropped by the consumers' inbox.
/// </summary>
public sealed class OutboxPublisher : IAsyncDisposable
{
    private readonly Func<IBusControl>? create;
    private readonly ILogger log;
    private readonly SemaphoreSlim gate = new(1, 1);
    private IBus? bus;

    public OutboxPublisher(Func<IBusControl> create, ILogger<OutboxPublisher> log)
    {
        this.create = create;
        this.log = log;
    }

    private OutboxPublisher(IBus bus)
    {
        this.bus = bus;
        log = NullLogger.Instance;
    }

    /// <summary>Publishes on <paramref name="bus"/> as it is, never replacing it (tests with a harness).</summary>
    public static OutboxPublisher Over(IBus bus) => new(bus);

    /// <summary>The bus to publish on now, started on first use (and after a recycle).</summary>
    public async Task<IBus> CurrentAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref bus) is { } current) return current;
        await gate.WaitAsync(ct);
        try
        {
            if (bus is null)
            {
                var fresh = create!();
                await fresh.StartAsync(ct);
                Volatile.Write(ref bus, fresh);
            }
            return bus;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A publish on <paramref name="hung"/> got no answer: the next page gets a new bus and connection.</summary>
    public async Task RecycleAsync(IBus hung)
    {
        if (create is null) return;
        await gate.WaitAsync();
        try
        {
            if (!ReferenceEquals(bus, hung)) return; // another publish of the same page recycled it already
            Volatile.Write(ref bus, null);
        }
        finally
        {
            gate.Release();
        }
        log.LogWarning("A publish got no answer within {Timeout}; the outbox's broker connection is replaced", OutboxForwarder.PublishTimeout);
        await StopAsync(hung);
    }

    public async ValueTask DisposeAsync()
    {
        if (create is not null && Volatile.Read(ref bus) is { } current) await StopAsync(current);
    }

    private async Task StopAsync(IBus stopping)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await ((IBusControl)stopping).StopAsync(limit.Token);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Stopping the outbox's previous bus failed; it is dropped");
        }
    }
}
