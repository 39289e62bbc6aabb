using Marten;
using MassTransit;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
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
/// card offering <c>加入采购清单</c> the suggested quantity.
/// </summary>
public sealed class LowStockDetectedConsumer(IDocumentStore store, ILogger<LowStockDetectedConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<LowStockDetected>(store, log)
{
    protected override async Task Apply(IDocumentSession session, LowStockDetected alert, ConsumeContext<LowStockDetected> context)
    {
        var ct = context.CancellationToken;
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var leaders = directory.LeadersOf(alert.BranchId);
        var message = new BotMessage(texts.BotName, texts.LowStock(alert, [.. leaders.Select(l => l.DisplayName)]),
            [.. leaders.Select(l => l.Id)], Important: true, Card: texts.LowStockCard(alert));
        var posted = await BotPosting.PostToBranchAsync(session, directory, alert.BranchId, BranchTopic.StockWatch, message, clock.GetUtcNow(), ct);
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
    }
}
