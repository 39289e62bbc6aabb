using Marten;
using MassTransit;
using Stationery.Chat.Alerts.Digesting;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Alerts;

/// <summary>The alert message of a product that is still low at a branch, so the restock note can answer in its thread.</summary>
public sealed record OpenStockAlert(string Id, string Branch, string Sku, ProductLabel Product, Guid MessageId)
{
    public static string IdFor(string branch, string sku) => $"{branch}|{sku}";
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
        var now = clock.GetUtcNow();
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var leaders = directory.LeadersOf(alert.BranchId);
        var names = leaders.Select(l => l.DisplayName).ToList();
        var channelId = BranchChannels.Id(alert.BranchId, BranchTopic.StockWatch);
        // The stream first, then the burst: an alert committed in between makes this append conflict (version and seq) and be
        // retried with the burst as that alert left it.
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
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
        await StockFigure.RecordAsync(session, alert, alert.BranchId, alert.Sku, alert.OnHand, ct);
        session.Store(new OpenStockAlert(OpenStockAlert.IdFor(alert.BranchId, alert.Sku), alert.BranchId, alert.Sku,
            new ProductLabel(alert.ProductName, alert.Spec, alert.Unit), posted.MessageId));
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
