using Marten;
using JasperFx;
using MassTransit;
using Microsoft.Extensions.Logging;
using Stationery.Contracts;

namespace Stationery.Hosting.Messaging;

/// <summary>A message this service has applied, keyed by its MessageId, stored with the effect in one transaction.</summary>
public sealed record ProcessedMessage(Guid Id, string MessageType, DateTimeOffset ProcessedAt);

/// <summary>
/// The one idempotent-consumer pattern: open the message's tenant session, record its MessageId, apply the effect
/// in the same session, commit. A redelivered message collides on the MessageId and is acknowledged without effect.
/// A write conflict (another consumer appended to the same stream first) runs the whole thing again in a fresh session,
/// after a jittered wait (<see cref="PlatformRetry"/>), before it counts as a failure for MassTransit's retries.
/// </summary>
public abstract class IdempotentConsumer<T>(IDocumentStore store, ILogger log) : IConsumer<T>
    where T : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConsumeOnce(context, messageId);
                return;
            }
            catch (Exception e) when (PlatformRetry.RetryConflict(e, attempt))
            {
                // Another writer got to the same stream first: run it again on what it wrote (see PlatformRetry).
                log.LogDebug("{Type} {MessageId} lost a write race (run {Attempt}); running it again", typeof(T).Name, messageId, attempt);
                await Task.Delay(PlatformRetry.ConflictDelay(attempt), context.CancellationToken);
            }
        }
    }

    private async Task ConsumeOnce(ConsumeContext<T> context, Guid messageId)
    {
        await using var session = store.LightweightSession(context.Message.TenantId);
        if (await session.LoadAsync<ProcessedMessage>(messageId, context.CancellationToken) is not null)
        {
            log.LogDebug("Skipping duplicate {Type} {MessageId}", typeof(T).Name, messageId);
            return;
        }
        session.Insert(new ProcessedMessage(messageId, typeof(T).Name, DateTimeOffset.UtcNow));
        await Apply(session, context.Message, context);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // A concurrent delivery of the same message won the race; its effect stands, ours is rolled back.
            log.LogDebug("Duplicate {Type} {MessageId} lost the race; nothing applied", typeof(T).Name, messageId);
        }
    }

    /// <summary>Apply the message's effect through <paramref name="session"/> only; do not commit.</summary>
    protected abstract Task Apply(IDocumentSession session, T message, ConsumeContext<T> context);
}
