using Marten;
using MassTransit;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Purchasing.PurchaseOrders.Discussing;

/// <summary>Someone wrote in a purchase order's thread in the supplier channel: the words go on the order's timeline.</summary>
public sealed record ChatMessageRecorded(string OrderId, string ChatMessageId, string ChannelId, string AuthorId, string AuthorName, string Text,
    DateTimeOffset PostedAt);

/// <summary>A chat card about an order (the order card, a discrepancy card): replies to it belong to the order's timeline.</summary>
public sealed record OrderThreadCard(string Id, string OrderId);

public static class RecordChatMessage
{
    public const string SupplierChannelPrefix = "supplier-";

    /// <summary>Once per chat message (a redelivery is stopped by the consumer's MessageId; a repost here by the message id).</summary>
    public static IReadOnlyList<object> Decide(PurchaseOrder? po, IReadOnlyList<string> recorded, Contract.MessagePosted m, string orderId) =>
        po is null || recorded.Contains(m.MessageId)
            ? []
            : [new ChatMessageRecorded(orderId, m.MessageId, m.ChannelId, m.AuthorId, m.AuthorName, m.Text, m.OccurredAt)];
}

/// <summary>
/// Reads Chat's <c>MessagePosted</c> in supplier channels. A card naming a purchase order is remembered; a person's reply in
/// such a card's thread is recorded on that order's stream (every word on record, for the timeline that settles disputes).
/// The bot's own notes are already the order's events and are not recorded twice. Edits and withdrawals are not followed:
/// the timeline keeps what was said when it was said.
/// </summary>
public sealed class ChatThreadConsumer(IDocumentStore store, ILogger<ChatThreadConsumer> log) : IdempotentConsumer<Contract.MessagePosted>(store, log)
{
    public const string Bot = "bot";

    protected override async Task Apply(IDocumentSession session, Contract.MessagePosted m, ConsumeContext<Contract.MessagePosted> context)
    {
        if (!m.ChannelId.StartsWith(RecordChatMessage.SupplierChannelPrefix, StringComparison.Ordinal)) return;
        var ct = context.CancellationToken;
        if (m.Card?.PurchaseOrderId is { } orderId)
        {
            session.Store(new OrderThreadCard(m.MessageId, orderId));
            return;
        }
        if (m.AuthorId == Bot || m.ReplyTo is null || string.IsNullOrWhiteSpace(m.Text)) return;
        if (await session.LoadAsync<OrderThreadCard>(m.ReplyTo, ct) is not { } thread) return;
        var events = await session.Events.FetchStreamAsync(thread.OrderId, token: ct);
        var recorded = events.Select(e => e.Data).OfType<ChatMessageRecorded>().Select(r => r.ChatMessageId).ToList();
        await session.Decide<PurchaseOrder>(thread.OrderId, po => RecordChatMessage.Decide(po, recorded, m, thread.OrderId), ct);
    }
}
