using Marten;
using MassTransit;
using Stationery.Contracts;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Catalogue;

/// <summary>
/// The last on-hand figure of a product at a branch that Inventory's events told Chat (for <c>/库存</c>). A copy: Inventory's
/// books are the truth, and an older event arriving late never overwrites a newer figure.
/// </summary>
public sealed record StockFigure(string Id, string Branch, string Sku, int OnHand, DateTimeOffset AsOf)
{
    public static string IdFor(string branch, string sku) => $"{branch}|{sku}";

    public static async Task RecordAsync(IDocumentSession session, IIntegrationEvent e, string branch, string sku, int onHand, CancellationToken ct)
    {
        var known = await session.LoadAsync<StockFigure>(IdFor(branch, sku), ct);
        if (known is not null && known.AsOf > e.OccurredAt) return;
        session.Store(new StockFigure(IdFor(branch, sku), branch, sku, onHand, e.OccurredAt));
    }
}

/// <summary>Every Inventory event that states an on-hand figure keeps the copy current: a sale,</summary>
public sealed class ItemsSoldFigureConsumer(IDocumentStore store, ILogger<ItemsSoldFigureConsumer> log) : IdempotentConsumer<ItemsSold>(store, log)
{
    protected override Task Apply(IDocumentSession session, ItemsSold m, ConsumeContext<ItemsSold> context) =>
        StockFigure.RecordAsync(session, m, m.BranchId, m.Sku, m.OnHand, context.CancellationToken);
}

/// <summary>a receipt,</summary>
public sealed class StockReceivedFigureConsumer(IDocumentStore store, ILogger<StockReceivedFigureConsumer> log)
    : IdempotentConsumer<StockReceived>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockReceived m, ConsumeContext<StockReceived> context) =>
        StockFigure.RecordAsync(session, m, m.BranchId, m.Sku, m.OnHand, context.CancellationToken);
}

/// <summary>and a count correction. (A restock after a 缺货 alert is Inventory's to say: <c>StockAlertChanged</c>.)</summary>
public sealed class StockAdjustedFigureConsumer(IDocumentStore store, ILogger<StockAdjustedFigureConsumer> log)
    : IdempotentConsumer<StockAdjusted>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockAdjusted m, ConsumeContext<StockAdjusted> context) =>
        StockFigure.RecordAsync(session, m, m.BranchId, m.Sku, m.OnHand, context.CancellationToken);
}
