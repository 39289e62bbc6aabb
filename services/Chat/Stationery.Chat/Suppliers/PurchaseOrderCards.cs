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
/// travel on separate queues, so a confirmation can arrive before the order). <see cref="ConfirmationMessageId"/> is the
/// note that recorded the supplier's confirmation (who confirmed what, when): a discrepancy card cites it and the card.
/// <see cref="EarlyConfirmation"/> is a confirmation that arrived before the card, so the card is posted with its figures.
/// </summary>
public sealed record PurchaseOrderCard(string Id, string SupplierId, string ChannelId, Guid? MessageId,
    IReadOnlyDictionary<string, string> LineLabels, string? OutcomeBy = null, string? Outcome = null, Guid? ConfirmationMessageId = null,
    string? ConfirmedBy = null, DateTimeOffset? ConfirmedAt = null, PurchaseOrderConfirmed? EarlyConfirmation = null);

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
    /// the channel's stream. If the card is not there yet, the outcome is kept for it. <paramref name="remember"/> adds what
    /// the card's record should keep of the note (its message id).
    /// </summary>
    public static async Task ResolveAsync(IDocumentSession session, ChatDirectory directory, PurchaseOrderCard? known, string orderId,
        string supplierId, string supplierName, Func<Card, Card> resolve, string by, string outcome, BotMessage? note, DateTimeOffset now,
        CancellationToken ct, Func<PurchaseOrderCard, MessagePosted?, PurchaseOrderCard>? remember = null)
    {
        var stream = await session.Events.FetchForWriting<Channel>(SupplierChannels.Id(supplierId), ct);
        var record = known;
        if (known?.MessageId is { } messageId)
        {
            if (await session.LoadAsync<ChatMessage>(messageId, ct) is { Card: { } card } message)
                stream.AppendOne(new CardUpdated(message.Id, message.Seq, resolve(card), message.Text, message.Mentions, now));
        }
        else
        {
            record = (known ?? new PurchaseOrderCard(orderId, supplierId, SupplierChannels.Id(supplierId), null, new Dictionary<string, string>()))
                with { OutcomeBy = by, Outcome = outcome };
        }
        var posted = note is null
            ? null
            : BotPosting.Append(stream, () => SupplierChannels.Open(supplierId, supplierName, directory.MembersOfSupplier(supplierId)), note, now);
        if (remember is not null && record is not null) record = remember(record, posted);
        if (record is not null && !ReferenceEquals(record, known)) session.Store(record);
    }

    /// <summary>The messages where a discrepancy's figures were agreed: the order card and the supplier's confirmation, as known.</summary>
    public static async Task<CardLink[]> AgreedInAsync(IDocumentSession session, PurchaseOrderCard? known, SupplierBotTexts texts,
        CancellationToken ct)
    {
        var links = new List<CardLink>();
        if (known?.MessageId is { } orderMessage && await session.LoadAsync<ChatMessage>(orderMessage, ct) is { } order)
            links.Add(new CardLink(CardLinks.Order, texts.OrderLinkLabel, order.ChannelId, order.Id, order.Seq, null, order.PostedAt));
        if (known?.ConfirmationMessageId is { } confirmationMessage && await session.LoadAsync<ChatMessage>(confirmationMessage, ct) is { } confirmation)
            links.Add(new CardLink(CardLinks.Confirmation, texts.ConfirmationLinkLabel(known.ConfirmedBy), confirmation.ChannelId, confirmation.Id,
                confirmation.Seq, known.ConfirmedBy, known.ConfirmedAt ?? confirmation.PostedAt));
        return [.. links];
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
        var labels = SupplierBotTexts.LineLabels(po);
        // News that outran the order: its confirmed figures and agreed day, then the latest outcome (a later cancellation).
        if (known?.EarlyConfirmation is { } confirmed) card = texts.Confirmed(card, confirmed, labels);
        if (known?.Outcome is { } outcome) card = card with { Status = Card.Done, ResolvedBy = known.OutcomeBy, Resolution = outcome };
        var posted = await BotPosting.PostToSupplierAsync(session, directory, po.SupplierId, po.SupplierName,
            PurchaseOrderCards.Note(texts, texts.OrderPlaced(po, branch, [.. guests.Select(g => g.DisplayName)]), guests, null, card: card),
            clock.GetUtcNow(), ct);
        // A confirmation that overtook the order keeps its note's id for the discrepancy card's citations.
        session.Store((known ?? new PurchaseOrderCard(po.PurchaseOrderId, po.SupplierId, SupplierChannels.Id(po.SupplierId), null,
            new Dictionary<string, string>())) with { MessageId = posted.MessageId, LineLabels = labels, EarlyConfirmation = null });
    }
}

/// <summary>
/// The supplier confirmed: the card says so (with any changed figures and the agreed day), and a note in its thread records
/// who confirmed what, when — @mentioning the buyers when quantities or the delivery day changed, quietly otherwise. The
/// note is what a later discrepancy card cites as the confirmation.
/// </summary>
public sealed class PurchaseOrderConfirmedConsumer(IDocumentStore store, ILogger<PurchaseOrderConfirmedConsumer> log, TimeProvider clock,
    SupplierBotTexts texts) : IdempotentConsumer<PurchaseOrderConfirmed>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseOrderConfirmed c, ConsumeContext<PurchaseOrderConfirmed> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var (directory, known) = await PurchaseOrderCards.LoadAsync(session, c.PurchaseOrderId, ct);
        var outcome = texts.ConfirmedOutcome(c);
        var buyers = directory.Buyers();
        var note = c.QuantitiesChanged || c.DateChanged
            ? PurchaseOrderCards.Note(texts, texts.Changed(c, [.. buyers.Select(b => b.DisplayName)]), buyers, known?.MessageId)
            : PurchaseOrderCards.Note(texts, texts.ConfirmedNote(c), [], known?.MessageId);
        await PurchaseOrderCards.ResolveAsync(session, directory, known, c.PurchaseOrderId, c.SupplierId, c.SupplierName,
            card => texts.Confirmed(card, c, known?.LineLabels ?? new Dictionary<string, string>()), c.ConfirmedByName, outcome, note, now, ct,
            (record, posted) => record with
            {
                ConfirmationMessageId = posted?.MessageId, ConfirmedBy = c.ConfirmedByName, ConfirmedAt = c.OccurredAt,
                EarlyConfirmation = record.MessageId is null ? c : null,
            });
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
/// A short or over delivery: an important card in the order's thread quoting ordered, confirmed and received figures and
/// citing the messages where they were agreed (the order card, the confirmation note), @mentioning the supplier's contacts
/// and the buyers, with 补发 / 开红字发票 for the supplier.
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
        var agreedIn = await PurchaseOrderCards.AgreedInAsync(session, known, texts, ct);
        await BotPosting.PostToSupplierAsync(session, directory, d.SupplierId, d.SupplierName,
            PurchaseOrderCards.Note(texts, texts.Discrepancy(d, branch, [.. mentioned.Select(u => u.DisplayName)]), mentioned, known?.MessageId,
                important: true, card: texts.DiscrepancyCard(d, branch) with { Links = agreedIn }),
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
