using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// The event store is the outbox. This Marten subscription reads committed events in order (durable checkpoint),
/// maps them to contracts and publishes them with <c>MessageId</c> = the Marten event id, many publishes in flight.
/// If any publish fails the batch throws, the daemon retries the same range: at-least-once, never before commit,
/// and consumers drop the duplicates by MessageId.
/// </summary>
public sealed class OutboxForwarder(IIntegrationEventMap map, IBus bus, ILogger<OutboxForwarder> log) : SubscriptionBase
{
    private const int InFlight = 64;

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(InFlight);
        var publishes = new List<Task>(page.Events.Count);
        foreach (var e in page.Events)
        {
            var message = map.Map(e);
            if (message is null) continue;
            await gate.WaitAsync(cancellationToken);
            publishes.Add(PublishAsync(message, e.Id, e.Sequence, gate, cancellationToken));
        }
        await Task.WhenAll(publishes);
        if (publishes.Count > 0)
            log.LogDebug("Forwarded {Count} events up to sequence {Sequence}", publishes.Count, page.SequenceCeiling);
        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(object message, Guid eventId, long sequence, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            await bus.Publish(message, message.GetType(), ctx =>
            {
                ctx.MessageId = eventId;
                ctx.Headers.Set("stationery-event-sequence", sequence);
            }, ct);
        }
        finally
        {
            gate.Release();
        }
    }
}
