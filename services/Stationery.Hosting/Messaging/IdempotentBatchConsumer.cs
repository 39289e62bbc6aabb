using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Stationery.Contracts;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// <see cref="IdempotentConsumer{T}"/> for high-volume facts (a till's sale lines, a seeded history of tens of thousands of
/// events): the same guarantee — every (consumer, MessageId) recorded in the same transaction as its effect, a redelivery skipped — with
/// one transaction per batch and chain instead of one per message. A concurrent delivery of a message in the batch makes the
/// commit fail; the batch is retried and its retry skips what the other delivery applied. Give the consumer a
/// <see cref="ConsumerDefinition{TConsumer}"/> that sets <see cref="BatchOptions"/> (see <see cref="Batching"/>).
/// </summary>
public abstract class IdempotentBatchConsumer<T>(IDocumentStore store, ILogger log) : IConsumer<Batch<T>>
    where T : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<Batch<T>> context)
    {
        var ct = context.CancellationToken;
        foreach (var chain in context.Message.GroupBy(m => m.Message.TenantId, StringComparer.Ordinal))
        {
            var messages = chain
                .Select(m => (Id: m.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId."), m.Message))
                .DistinctBy(m => m.Id)
                .ToList();
            await using var session = store.LightweightSession(chain.Key);
            var consumer = ProcessedMessage.ConsumerName(GetType());
            var seen = (await session.LoadManyAsync<ProcessedMessage>(ct, messages.Select(m => ProcessedMessage.Key(consumer, m.Id)).ToArray()))
                .Select(p => p.MessageId).ToHashSet();
            var fresh = messages.Where(m => !seen.Contains(m.Id)).ToList();
            if (fresh.Count < messages.Count)
            {
                log.LogDebug("Skipping {Count} duplicate {Type} messages", messages.Count - fresh.Count, typeof(T).Name);
                InboxFigures.Suppressed(messages.Count - fresh.Count);
            }
            if (fresh.Count == 0) continue;
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, _) in fresh) session.Insert(ProcessedMessage.For(consumer, id, typeof(T).Name, now));
            await Apply(session, [.. fresh.Select(m => new Delivery<T>(m.Id, m.Message))], ct);
            await session.SaveChangesAsync(ct);
        }
    }

    /// <summary>Apply the messages' effects (in arrival order, one chain) through <paramref name="session"/> only; do not commit.</summary>
    protected abstract Task Apply(IDocumentSession session, IReadOnlyList<Delivery<T>> messages, CancellationToken ct);
}

/// <summary>A message of a batch with its MessageId (the publisher's event id).</summary>
public sealed record Delivery<T>(Guid MessageId, T Message);

public static class Batching
{
    /// <summary>Up to 50 messages or 50 ms per batch, two batches at a time: few transactions, little added latency.</summary>
    public static void Configure<TConsumer>(IConsumerConfigurator<TConsumer> consumer) where TConsumer : class =>
        consumer.Options<BatchOptions>(o => o.SetMessageLimit(50).SetTimeLimit(TimeSpan.FromMilliseconds(50)).SetConcurrencyLimit(2));
}
