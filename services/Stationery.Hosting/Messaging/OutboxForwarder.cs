using JasperFx.Events;
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
/// An event the map cannot translate (it throws: a poison event) is dead-lettered on its own
/// (<see cref="ISubscriptionController.RecordDeadLetterEventAsync"/>, Marten's <c>mt_doc_deadletterevent</c>) and the rest of
/// the page is forwarded: one bad event used to stop every integration event of the service, for every chain, for ever.
/// A publish that fails is not the event's fault (the broker is down): the page throws and is retried, as before.
/// </summary>
public sealed class OutboxForwarder(IIntegrationEventMap map, OutboxPublisher publisher, ILogger<OutboxForwarder> log) : SubscriptionBase
{
    private const int InFlight = 64;

    /// <summary>How long one publish may take before the page is given up and retried (a broker confirm takes milliseconds).</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var forwarded = await ForwardAsync(page.Events, controller, cancellationToken);
        if (forwarded > 0)
            log.LogDebug("Forwarded {Count} events up to sequence {Sequence}", forwarded, page.SequenceCeiling);
        return NullChangeListener.Instance;
    }

    /// <summary>Publishes the contracts of <paramref name="events"/>, dead-letters the poison ones; returns how many were published.</summary>
    public async Task<int> ForwardAsync(IReadOnlyList<IEvent> events, ISubscriptionController controller, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(InFlight);
        var publishes = new List<Task>(events.Count);
        var bus = await publisher.CurrentAsync(cancellationToken);
        foreach (var e in events)
        {
            object? message;
            try
            {
                message = map.Map(e);
            }
            catch (Exception poison)
            {
                log.LogError(poison, "Event {EventId} ({Type}, sequence {Sequence}, stream {Stream}) cannot be translated to a contract; " +
                    "it is dead-lettered and the others are forwarded", e.Id, e.EventTypeName, e.Sequence, e.StreamKey ?? e.StreamId.ToString());
                await controller.RecordDeadLetterEventAsync(e, poison);
                continue;
            }
            if (message is null) continue;
            await gate.WaitAsync(cancellationToken);
            publishes.Add(PublishAsync(bus, message, e.Id, e.Sequence, gate, cancellationToken));
        }
        await Task.WhenAll(publishes);
        return publishes.Count;
    }

    private async Task PublishAsync(IBus bus, object message, Guid eventId, long sequence, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            // A publish that neither completes nor fails would hold the page, and every later event, for ever: after
            // PublishTimeout the bus is recycled (OutboxPublisher) and the page throws, to be retried on a fresh connection.
            await bus.Publish(message, message.GetType(), ctx =>
            {
                ctx.MessageId = eventId;
                ctx.Headers.Set("stationery-event-sequence", sequence);
            }, ct).WaitAsync(PublishTimeout, ct);
        }
        catch (TimeoutException)
        {
            await publisher.RecycleAsync(bus);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }
}
