using Marten;
using JasperFx;
using MassTransit;
using Microsoft.Extensions.Logging;
using Stationery.Contracts;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// A message one consumer of this service has applied (the inbox), stored with the effect in one transaction. Keyed by
/// (consumer, MessageId) — <see cref="Key"/> — so two consumers of one message type in one service each apply it once;
/// rows older than <see cref="RecordRetention.InboxKeep"/> are purged (a redelivery comes within minutes, not weeks).
/// </summary>
public sealed record ProcessedMessage(Guid Id, string Consumer, Guid MessageId, string MessageType, DateTimeOffset ProcessedAt)
{
    /// <summary>The row id of (<paramref name="consumer"/>, <paramref name="messageId"/>): a name-based UUID (RFC 9562 version 5 layout over SHA-1).</summary>
    public static Guid Key(string consumer, Guid messageId)
    {
        var name = System.Text.Encoding.UTF8.GetBytes($"{consumer}/{messageId:N}");
        var hash = System.Security.Cryptography.SHA1.HashData(name);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static ProcessedMessage For(string consumer, Guid messageId, string messageType, DateTimeOffset at) =>
        new(Key(consumer, messageId), consumer, messageId, messageType, at);

    /// <summary>The inbox name of a consumer: its class name (unique within a service, whose schema holds the inbox).</summary>
    public static string ConsumerName(Type consumer) => consumer.Name;
}

/// <summary>
/// The one idempotent-consumer pattern: open the message's tenant session, record (this consumer, MessageId) in the inbox,
/// apply the effect in the same session, commit. A redelivered message collides on that key and is acknowledged without
/// effect; another consumer of the same message in the same service has a key of its own.
/// A write conflict (another consumer appended to the same stream first) runs the whole thing again in a fresh session,
/// after a jittered wait (<see cref="PlatformRetry"/>), before it counts as a failure for MassTransit's retries.
/// </summary>
public abstract class IdempotentConsumer<T>(IDocumentStore store, ILogger log) : IConsumer<T>
    where T : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<T> context)
    {
        if (!Concerns(context.Message)) return;
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConsumeOnce(context, messageId);
                return;
            }
            catch (Exception e) when (PlatformRetry.RetryConflict(e, attempt) || (e is EffectCollided && attempt < PlatformRetry.ConflictAttempts))
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
        var consumer = ProcessedMessage.ConsumerName(GetType());
        if (await session.LoadAsync<ProcessedMessage>(ProcessedMessage.Key(consumer, messageId), context.CancellationToken) is not null)
        {
            log.LogDebug("Skipping duplicate {Type} {MessageId}", typeof(T).Name, messageId);
            InboxFigures.Suppressed();
            return;
        }
        session.Insert(ProcessedMessage.For(consumer, messageId, typeof(T).Name, DateTimeOffset.UtcNow));
        await Apply(session, context.Message, context);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (AlreadyExists(e))
        {
            // Something we inserted exists already. If it is our inbox row, a concurrent delivery of the same message won
            // the race: its effect stands, ours is rolled back. Anything else (a document of the effect that another message
            // wrote first) is not a duplicate of this one: it runs again on what is there now, and fails for real if it
            // collides still.
            await using var check = store.QuerySession(context.Message.TenantId);
            if (await check.LoadAsync<ProcessedMessage>(ProcessedMessage.Key(consumer, messageId), context.CancellationToken) is null)
                throw new EffectCollided(typeof(T).Name, messageId, e);
            log.LogDebug("Duplicate {Type} {MessageId} lost the race; nothing applied", typeof(T).Name, messageId);
            InboxFigures.Suppressed();
        }
    }

    /// <summary>
    /// Insert collisions only: Marten reports one as <see cref="DocumentAlreadyExistsException"/>, and several in one
    /// commit (the inbox row and a document of the effect) as an <see cref="AggregateException"/> of them.
    /// </summary>
    private static bool AlreadyExists(Exception e) =>
        e is DocumentAlreadyExistsException || e is AggregateException { InnerExceptions.Count: > 0 } all && all.InnerExceptions.All(AlreadyExists);

    /// <summary>A document of the effect collided with one another message wrote; the inbox has no row of this message.</summary>
    private sealed class EffectCollided(string type, Guid messageId, Exception inner)
        : Exception($"{type} {messageId}: a document it writes exists already, written by another message (not a redelivery of this one)", inner);

    /// <summary>
    /// Whether the message is this consumer's business at all (decided from the message alone): one that is not is
    /// acknowledged without a session or an inbox row. Several consumers of one message type each take their own share.
    /// </summary>
    protected virtual bool Concerns(T message) => true;

    /// <summary>Apply the message's effect through <paramref name="session"/> only; do not commit.</summary>
    protected abstract Task Apply(IDocumentSession session, T message, ConsumeContext<T> context);
}
