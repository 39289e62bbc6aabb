using Marten;
using MassTransit;
using Stationery.Contracts;
using Stationery.Contracts.Inventory;
using Stationery.Chat.Alerts;
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

/// <summary>Every Inventory event that states an on-hand figure keeps the copy current.</summary>
public sealed class ItemsSoldFigureConsumer(IDocumentStore store, ILogger<ItemsSoldFigureConsumer> log) : IdempotentConsumer<ItemsSold>(store, log)
{
    protected override Task Apply(IDocumentSession session, ItemsSold m, ConsumeContext<ItemsSold> context)
    {
        // A sale ends a slow mover's episode: it leaves the coming weekly digest.
        Alerts.SlowMovers.SlowMoverNote.Sold(session, m.BranchId, m.Sku);
        return StockFigure.RecordAsync(session, m, m.BranchId, m.Sku, m.OnHand, context.CancellationToken);
    }
}

/// <summary>A receipt keeps the copy current, and answers a 缺货 alert of a product without a reorder policy with 已补货.</summary>
public sealed class StockReceivedFigureConsumer(IDocumentStore store, ILogger<StockReceivedFigureConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<StockReceived>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StockReceived m, ConsumeContext<StockReceived> context)
    {
        await RestockWithoutPolicy.NoteAsync(session, m, m.BranchId, m.Sku, m.OnHand, clock.GetUtcNow(), texts, context.CancellationToken);
        await StockFigure.RecordAsync(session, m, m.BranchId, m.Sku, m.OnHand, context.CancellationToken);
    }
}

/// <summary>A count correction, the same way as a receipt.</summary>
public sealed class StockAdjustedFigureConsumer(IDocumentStore store, ILogger<StockAdjustedFigureConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<StockAdjusted>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StockAdjusted m, ConsumeContext<StockAdjusted> context)
    {
        await RestockWithoutPolicy.NoteAsync(session, m, m.BranchId, m.Sku, m.OnHand, clock.GetUtcNow(), texts, context.CancellationToken);
        await StockFigure.RecordAsync(session, m, m.BranchId, m.Sku, m.OnHand, context.CancellationToken);
    }
}
