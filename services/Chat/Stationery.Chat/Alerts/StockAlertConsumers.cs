using Marten;
using MassTransit;
using Stationery.Chat.Alerts.Digesting;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Alerts;

/// <summary>
/// The alert message of a product that is still low (or out) at a branch, so the restock note can answer in its thread and a
/// later 缺货 alert knows the policy's figures. <see cref="WithoutPolicy"/>: a 缺货 alert of a product with no reorder policy
/// known, which Inventory will never resolve (it resolves against a reorder point), so Chat notes its restock itself.
/// </summary>
public sealed record OpenStockAlert(string Id, string Branch, string Sku, ProductLabel Product, Guid MessageId, int ReorderPoint = 0,
    int SuggestedQuantity = 0, bool WithoutPolicy = false, DateTimeOffset? At = null)
{
    public static string IdFor(string branch, string sku) => $"{branch}|{sku}";
}

/// <summary>
/// One sale that takes the last unit raises both <c>LowStockDetected</c> (on hand 0) and <c>OutOfStock</c>, on different queues
/// and in any order: whichever arrives first posts the 缺货 alert and leaves this note, the other finds it and posts nothing.
/// Both append to the same 库存监控 stream, so two arriving together conflict and the second is retried after the first's note.
/// </summary>
/// <param name="WithPolicy">Whether the alert shows the policy's figures (posted from <c>LowStockDetected</c>, or completed by it).</param>
public sealed record StockOutNotice(string Id, Guid MessageId, bool WithPolicy)
{
    public static string IdFor(string branch, string sku, DateTimeOffset at) => $"{branch}|{sku}|{at.UtcTicks}";
}

/// <summary>
/// Low stock at a branch → an important bot message in its 库存监控 channel, @mentioning its owners and managers, with a
/// card offering <c>加入采购清单</c> the suggested quantity. In a burst of alerts the channel gets one digest card instead
/// (<see cref="AlertDigest"/>), and each alert goes quietly into its thread.
/// </summary>
public sealed class LowStockDetectedConsumer(IDocumentStore store, ILogger<LowStockDetectedConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<LowStockDetected>(store, log)
{
    protected override async Task Apply(IDocumentSession session, LowStockDetected alert, ConsumeContext<LowStockDetected> context)
    {
        var ct = context.CancellationToken;
        var messageId = await StockAlertPosting.PostOnceAsync(session, alert, withPolicy: true, clock.GetUtcNow(), texts, ct);
        await StockFigure.RecordAsync(session, alert, alert.BranchId, alert.Sku, alert.OnHand, ct);
        session.Store(new OpenStockAlert(OpenStockAlert.IdFor(alert.BranchId, alert.Sku), alert.BranchId, alert.Sku,
            new ProductLabel(alert.ProductName, alert.Spec, alert.Unit), messageId, alert.ReorderPoint, alert.SuggestedQuantity));
    }
}

/// <summary>
/// 缺货 → the same alert as low stock, titled 缺货, in 库存监控 — also when the product was already alerted as low (the sell-out is
/// news), once per sell-out (see <see cref="StockOutNotice"/>). Its button offers the suggestion of the open low-stock alert, if any.
/// A sell-out that is no longer news is only noted: older than <see cref="NewsFor"/> (a backlog, or a history replayed by a
/// seed), or already followed by stock Chat has heard of.
/// </summary>
public sealed class OutOfStockConsumer(IDocumentStore store, ILogger<OutOfStockConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<OutOfStock>(store, log)
{
    public static readonly TimeSpan NewsFor = TimeSpan.FromDays(1);

    protected override async Task Apply(IDocumentSession session, OutOfStock sellOut, ConsumeContext<OutOfStock> context)
    {
        var ct = context.CancellationToken;
        var figure = await session.LoadAsync<StockFigure>(StockFigure.IdFor(sellOut.BranchId, sellOut.Sku), ct);
        if (clock.GetUtcNow() - sellOut.OccurredAt > NewsFor || figure is { OnHand: > 0 } && figure.AsOf > sellOut.OccurredAt)
        {
            await StockFigure.RecordAsync(session, sellOut, sellOut.BranchId, sellOut.Sku, 0, ct);
            return;
        }
        var open = await session.LoadAsync<OpenStockAlert>(OpenStockAlert.IdFor(sellOut.BranchId, sellOut.Sku), ct);
        var alert = new LowStockDetected(sellOut.TenantId, sellOut.BranchId, sellOut.Sku, sellOut.ProductName, sellOut.Spec, sellOut.Unit,
            OnHand: 0, open?.ReorderPoint ?? 0, open?.SuggestedQuantity ?? 0, sellOut.OccurredAt);
        var messageId = await StockAlertPosting.PostOnceAsync(session, alert, withPolicy: open is not null, clock.GetUtcNow(), texts, ct);
        await StockFigure.RecordAsync(session, sellOut, sellOut.BranchId, sellOut.Sku, 0, ct);
        // The same sale's LowStockDetected, arriving after, overwrites this with the policy's figures (and WithoutPolicy false).
        session.Store(new OpenStockAlert(OpenStockAlert.IdFor(alert.BranchId, alert.Sku), alert.BranchId, alert.Sku,
            new ProductLabel(alert.ProductName, alert.Spec, alert.Unit), messageId, alert.ReorderPoint, alert.SuggestedQuantity,
            WithoutPolicy: open is null, At: sellOut.OccurredAt));
    }
}

/// <summary>How a stock alert reaches 库存监控: alone, or folded into the channel's digest card during a burst.</summary>
public static class StockAlertPosting
{
    /// <summary>
    /// Posts <paramref name="alert"/> and returns its message id; an alert of a sell-out (on hand 0) already posted for the same
    /// moment by the other event of that sale is not posted again, and its message id is returned. When that one was posted from
    /// <c>OutOfStock</c> without the policy's figures and this one has them, its card is completed (reorder point, 加入采购清单).
    /// </summary>
    public static async Task<Guid> PostOnceAsync(IDocumentSession session, LowStockDetected alert, bool withPolicy, DateTimeOffset now,
        StockBotTexts texts, CancellationToken ct)
    {
        var channelId = BranchChannels.Id(alert.BranchId, BranchTopic.StockWatch);
        // The stream first, then the notes: an alert committed in between makes this append conflict (version and seq) and be
        // retried with the burst and the sell-out note as that alert left them.
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
        var noticeId = alert.OnHand <= 0 ? StockOutNotice.IdFor(alert.BranchId, alert.Sku, alert.OccurredAt) : null;
        var notice = noticeId is null ? null : await session.LoadAsync<StockOutNotice>(noticeId, ct);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var leaders = directory.LeadersOf(alert.BranchId);
        var names = leaders.Select(l => l.DisplayName).ToList();
        if (notice is not null)
        {
            if (withPolicy && !notice.WithPolicy && await session.LoadAsync<ChatMessage>(notice.MessageId, ct) is { Card: not null } sent)
            {
                stream.AppendOne(new CardUpdated(sent.Id, sent.Seq, texts.LowStockCard(alert), sent.Text, sent.Mentions, now));
                session.Store(notice with { WithPolicy = true });
            }
            return notice.MessageId;
        }

        var (placement, burst) = AlertDigest.Decide(await session.LoadAsync<AlertBurst>(AlertBurst.IdFor(channelId), ct), channelId, now);
        var digestMessage = placement is AlertPlacement.AddToDigest(var digestId) ? await session.LoadAsync<ChatMessage>(digestId, ct) : null;
        if (placement is AlertPlacement.AddToDigest && digestMessage?.Card is null) (placement, burst) = (new AlertPlacement.Alone(), burst with { DigestMessageId = null });
        var channel = stream.Aggregate;
        if (channel is null)
        {
            var opened = BranchChannels.Open(alert.BranchId, BranchTopic.StockWatch, directory.MembersOf(alert.BranchId));
            stream.AppendOne(opened);
            channel = Channel.Fold(null, opened);
        }
        MessagePosted Post(BotMessage message)
        {
            var posted = MessagePosting.Decide(channel, BotPosting.Command(message, now), now);
            stream.AppendOne(posted);
            channel = Channel.Fold(channel, posted);
            return posted;
        }

        var own = new BotMessage(texts.BotName, texts.LowStock(alert, names), [.. leaders.Select(l => l.Id)], Important: true,
            Card: texts.LowStockCard(alert));
        // Folded: still @mentioning (it counts as an unread mention), but only the digest notifies.
        var quiet = own with { Important = false, Quiet = true };
        MessagePosted posted;
        switch (placement)
        {
            case AlertPlacement.StartDigest:
                var digest = Post(new BotMessage(texts.BotName, texts.Digest(names), [.. leaders.Select(l => l.Id)], Important: true,
                    Card: texts.DigestCard(alert)));
                burst = burst with { DigestMessageId = digest.MessageId };
                posted = Post(quiet with { ReplyTo = digest.MessageId });
                break;
            case AlertPlacement.AddToDigest:
                stream.AppendOne(new CardUpdated(digestMessage!.Id, digestMessage.Seq, texts.WithDigestItem(digestMessage.Card!, alert),
                    digestMessage.Text, digestMessage.Mentions, now));
                posted = Post(quiet with { ReplyTo = digestMessage.Id });
                break;
            default:
                posted = Post(own);
                break;
        }
        session.Store(burst);
        if (noticeId is not null) session.Store(new StockOutNotice(noticeId, posted.MessageId, withPolicy));
        return posted.MessageId;
    }
}

/// <summary>Back above the reorder point → a short 已补货 note, in the alert's thread when the alert is known.</summary>
public sealed class LowStockResolvedConsumer(IDocumentStore store, ILogger<LowStockResolvedConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<LowStockResolved>(store, log)
{
    protected override async Task Apply(IDocumentSession session, LowStockResolved resolved, ConsumeContext<LowStockResolved> context)
    {
        var ct = context.CancellationToken;
        var alertId = OpenStockAlert.IdFor(resolved.BranchId, resolved.Sku);
        var alert = await session.LoadAsync<OpenStockAlert>(alertId, ct);
        var product = alert?.Product
            ?? (await session.LoadAsync<CatalogueItem>(resolved.Sku, ct))?.Label
            ?? new ProductLabel(resolved.Sku, "", "");
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var message = new BotMessage(texts.BotName, texts.Restocked(product, resolved.OnHand, resolved.ReorderPoint), [],
            Important: false, ReplyTo: alert?.MessageId);
        await BotPosting.PostToBranchAsync(session, directory, resolved.BranchId, BranchTopic.StockWatch, message, clock.GetUtcNow(), ct);
        if (alert is not null) session.Delete(alert);
        await StockFigure.RecordAsync(session, resolved, resolved.BranchId, resolved.Sku, resolved.OnHand, ct);
    }
}

/// <summary>
/// Stock back after a 缺货 alert of a product without a reorder policy (see <see cref="OpenStockAlert.WithoutPolicy"/>): a
/// receipt or count that leaves some on hand answers the alert with the same 已补货 note, in its thread, once.
/// </summary>
public static class RestockWithoutPolicy
{
    public static async Task NoteAsync(IDocumentSession session, IIntegrationEvent e, string branch, string sku, int onHand,
        DateTimeOffset now, StockBotTexts texts, CancellationToken ct)
    {
        if (onHand <= 0) return;
        var alert = await session.LoadAsync<OpenStockAlert>(OpenStockAlert.IdFor(branch, sku), ct);
        if (alert is not { WithoutPolicy: true } || alert.At is { } soldOut && e.OccurredAt < soldOut) return;
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var message = new BotMessage(texts.BotName, texts.Restocked(alert.Product, onHand, reorderPoint: null), [], Important: false,
            ReplyTo: alert.MessageId);
        await BotPosting.PostToBranchAsync(session, directory, branch, BranchTopic.StockWatch, message, now, ct);
        session.Delete(alert);
    }
}

// Every alert of a branch goes into its one 库存监控 stream: taken one at a time per replica, alerts arriving together (a
// day's sales imported at once) queue instead of overtaking each other's version and running again (cf. the directory).

/// <summary>One <see cref="LowStockDetected"/> at a time per replica.</summary>
public sealed class LowStockDetectedConsumerDefinition : ConsumerDefinition<LowStockDetectedConsumer>
{
    public LowStockDetectedConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>One <see cref="OutOfStock"/> at a time per replica.</summary>
public sealed class OutOfStockConsumerDefinition : ConsumerDefinition<OutOfStockConsumer>
{
    public OutOfStockConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>One <see cref="LowStockResolved"/> at a time per replica.</summary>
public sealed class LowStockResolvedConsumerDefinition : ConsumerDefinition<LowStockResolvedConsumer>
{
    public LowStockResolvedConsumerDefinition() => ConcurrentMessageLimit = 1;
}
