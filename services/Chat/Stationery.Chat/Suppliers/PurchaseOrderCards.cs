using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Suppliers;

/// <summary>
/// Where a purchase order's card is, and what became of the order if that news outran the card (Purchasing's events
/// travel on separate queues, so a confirmation can arrive before the order).
/// </summary>
public sealed record PurchaseOrderCard(string Id, string SupplierId, string ChannelId, Guid? MessageId,
    IReadOnlyDictionary<string, string> LineLabels, string? OutcomeBy = null, string? Outcome = null);

/// <summary>
/// Purchasing's order events as cards and notes in the supplier's channel. Everything shown comes from the events
/// (names, quantities, dates); nothing is looked up in Purchasing, and no cost figure is ever among them.
/// </summary>
public static class PurchaseOrderCards
{
    public static async Task<(ChatDirectory Directory, PurchaseOrderCard? Card)> LoadAsync(IDocumentSession session, string orderId,
        CancellationToken ct) =>
        (await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty,
            await session.LoadAsync<PurchaseOrderCard>(orderId, ct));

    /// <summary>
    /// The order card shows an outcome (confirmed, cancelled) and, if given, a note follows in its thread — one append to
    /// the channel's stream. If the card is not there yet, the outcome is kept for it.
    /// </summary>
    public static async Task ResolveAsync(IDocumentSession session, ChatDirectory directory, PurchaseOrderCard? known, string orderId,
        string supplierId, string supplierName, Func<Card, Card> resolve, string by, string outcome, BotMessage? note, DateTimeOffset now,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Channel>(SupplierChannels.Id(supplierId), ct);
        if (known?.MessageId is { } messageId)
        {
            if (await session.LoadAsync<ChatMessage>(messageId, ct) is { Card: { } card } message)
                stream.AppendOne(new CardUpdated(message.Id, message.Seq, resolve(card), message.Text, message.Mentions, now));
        }
        else
        {
            session.Store(new PurchaseOrderCard(orderId, supplierId, SupplierChannels.Id(supplierId), null,
                known?.LineLabels ?? new Dictionary<string, string>(), by, outcome));
        }
        if (note is not null)
            BotPosting.Append(stream, () => SupplierChannels.Open(supplierId, supplierName, directory.MembersOfSupplier(supplierId)), note, now);
    }

    public static BotMessage Note(SupplierBotTexts texts, string text, IEnumerable<DirectoryUser> mentioned, Guid? thread, bool important = false,
        Card? card = null) =>
        new(texts.BotName, text, [.. mentioned.Select(u => u.Id).Distinct()], important, thread, card);
}

/// <summary>An order to a supplier → its card in the supplier's channel, @mentioning the supplier's contacts, with 确认订单.</summary>
public sealed class PurchaseOrderPlacedConsumer(IDocumentStore store, ILogger<PurchaseOrderPlacedConsumer> log, TimeProvider clock, SupplierBotTexts texts)
    : IdempotentConsumer<PurchaseOrderPlaced>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseOrderPlaced po, ConsumeContext<PurchaseOrderPlaced> context)
    {
        var ct = context.CancellationToken;
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, po.PurchaseOrderId, ct);
        if (known?.MessageId is not null) return;
        var branch = directory.BranchName(po.BranchId);
        var guests = directory.GuestsOf(po.SupplierId);
        var card = texts.OrderCard(po, branch);
        if (known?.Outcome is { } outcome) card = card with { Status = Card.Done, ResolvedBy = known.OutcomeBy, Resolution = outcome };
        var posted = await BotPosting.PostToSupplierAsync(session, directory, po.SupplierId, po.SupplierName,
            PurchaseOrderCards.Note(texts, texts.OrderPlaced(po, branch, [.. guests.Select(g => g.DisplayName)]), guests, null, card: card),
            clock.GetUtcNow(), ct);
        session.Store(new PurchaseOrderCard(po.PurchaseOrderId, po.SupplierId, SupplierChannels.Id(po.SupplierId), posted.MessageId,
            SupplierBotTexts.LineLabels(po)));
    }
}

/// <summary>The supplier confirmed: the card says so (with any changed figures); changed quantities are told to the buyers.</summary>
public sealed class PurchaseOrderConfirmedConsumer(IDocumentStore store, ILogger<PurchaseOrderConfirmedConsumer> log, TimeProvider clock,
    SupplierBotTexts texts) : IdempotentConsumer<PurchaseOrderConfirmed>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseOrderConfirmed c, ConsumeContext<PurchaseOrderConfirmed> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, c.PurchaseOrderId, ct);
        var outcome = c.QuantitiesChanged ? texts.ConfirmedWithChanges : texts.ConfirmedAsOrdered;
        var buyers = directory.Buyers();
        var note = c.QuantitiesChanged
            ? PurchaseOrderCards.Note(texts, texts.QuantitiesChanged(c, [.. buyers.Select(b => b.DisplayName)]), buyers, known?.MessageId)
            : null;
        await PurchaseOrderCards.ResolveAsync(session, directory, known, c.PurchaseOrderId, c.SupplierId, c.SupplierName,
            card => texts.Confirmed(card, c, known?.LineLabels ?? new Dictionary<string, string>()), c.ConfirmedByName, outcome, note, now, ct);
    }
}

/// <summary>The order was cancelled: the card closes and the supplier's contacts are told in its thread.</summary>
public sealed class PurchaseOrderCancelledConsumer(IDocumentStore store, ILogger<PurchaseOrderCancelledConsumer> log, TimeProvider clock,
    SupplierBotTexts texts) : IdempotentConsumer<PurchaseOrderCancelled>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseOrderCancelled x, ConsumeContext<PurchaseOrderCancelled> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, x.PurchaseOrderId, ct);
        var outcome = texts.Cancelled(x.Reason);
        var guests = directory.GuestsOf(x.SupplierId);
        var note = PurchaseOrderCards.Note(texts, texts.CancelledNote(x, [.. guests.Select(g => g.DisplayName)]), guests, known?.MessageId);
        await PurchaseOrderCards.ResolveAsync(session, directory, known, x.PurchaseOrderId, x.SupplierId, x.SupplierName,
            card => card with { Status = Card.Done, ResolvedBy = x.CancelledByName, Resolution = outcome }, x.CancelledByName, outcome, note, now, ct);
    }
}

/// <summary>A delivery was booked in: a short note in the order's thread (what arrived, how much so far).</summary>
public sealed class GoodsReceivedConsumer(IDocumentStore store, ILogger<GoodsReceivedConsumer> log, TimeProvider clock, SupplierBotTexts texts)
    : IdempotentConsumer<GoodsReceived>(store, log)
{
    protected override async Task Apply(IDocumentSession session, GoodsReceived r, ConsumeContext<GoodsReceived> context)
    {
        var ct = context.CancellationToken;
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, r.PurchaseOrderId, ct);
        await BotPosting.PostToSupplierAsync(session, directory, r.SupplierId, r.SupplierName,
            PurchaseOrderCards.Note(texts, texts.Received(r, directory.BranchName(r.BranchId)), [], known?.MessageId), clock.GetUtcNow(), ct);
    }
}

/// <summary>
/// A short or over delivery: an important card in the order's thread quoting ordered, confirmed and received figures,
/// @mentioning the supplier's contacts and the buyers, with 补发 / 开红字发票 for the supplier.
/// </summary>
public sealed class DeliveryDiscrepancyRaisedConsumer(IDocumentStore store, ILogger<DeliveryDiscrepancyRaisedConsumer> log, TimeProvider clock,
    SupplierBotTexts texts) : IdempotentConsumer<DeliveryDiscrepancyRaised>(store, log)
{
    protected override async Task Apply(IDocumentSession session, DeliveryDiscrepancyRaised d, ConsumeContext<DeliveryDiscrepancyRaised> context)
    {
        var ct = context.CancellationToken;
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, d.PurchaseOrderId, ct);
        var branch = directory.BranchName(d.BranchId);
        var mentioned = directory.GuestsOf(d.SupplierId).Concat(directory.Buyers()).ToList();
        await BotPosting.PostToSupplierAsync(session, directory, d.SupplierId, d.SupplierName,
            PurchaseOrderCards.Note(texts, texts.Discrepancy(d, branch, [.. mentioned.Select(u => u.DisplayName)]), mentioned, known?.MessageId,
                important: true, card: texts.DiscrepancyCard(d, branch)),
            clock.GetUtcNow(), ct);
    }
}

/// <summary>The supplier announced a delivery (发货通知): a note in the order's thread @mentioning the buyers.</summary>
public sealed class DeliveryAnnouncedConsumer(IDocumentStore store, ILogger<DeliveryAnnouncedConsumer> log, TimeProvider clock, SupplierBotTexts texts)
    : IdempotentConsumer<DeliveryAnnounced>(store, log)
{
    protected override async Task Apply(IDocumentSession session, DeliveryAnnounced a, ConsumeContext<DeliveryAnnounced> context)
    {
        var ct = context.CancellationToken;
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, a.PurchaseOrderId, ct);
        var buyers = directory.Buyers();
        await BotPosting.PostToSupplierAsync(session, directory, a.SupplierId, a.SupplierName,
            PurchaseOrderCards.Note(texts, texts.DeliveryAnnounced(a, directory.BranchName(a.BranchId), [.. buyers.Select(b => b.DisplayName)]), buyers,
                known?.MessageId),
            clock.GetUtcNow(), ct);
    }
}
