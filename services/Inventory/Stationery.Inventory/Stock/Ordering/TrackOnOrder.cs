using Marten;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;
using Stationery.Inventory.Catalogue;

namespace Stationery.Inventory.Stock.Ordering;

/// <summary>
/// 在途: how many units of a product one purchase order still brings to a branch. Quantities are absolute per order, so a
/// replayed or reordered message cannot count an order twice. Stock on order lifts the projected figure, so placing an
/// order can close a low-stock alert and keeps a new one from opening.
/// </summary>
public sealed record TrackOnOrder(string Branch, ProductFacts Product, string PurchaseOrderId, int Outstanding, OrderStage Stage)
{
    public static IReadOnlyList<object> Decide(StockItem? state, TrackOnOrder c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s => Changes(s, c, now));

    /// <summary>The on-order event alone (no alert evaluation), for deciders that combine it with a receipt.</summary>
    public static IEnumerable<object> Changes(StockItem s, TrackOnOrder c, DateTimeOffset now)
    {
        var outstanding = Math.Max(c.Outstanding, 0);
        var known = s.Orders.TryGetValue(c.PurchaseOrderId, out var line);
        if (known && (line!.Outstanding == outstanding && line.Stage == c.Stage || !Supersedes(c.Stage, outstanding, line)))
            return [];
        var current = known ? line!.Outstanding : 0;
        return [new OnOrderChanged(c.Branch, s.Sku, c.PurchaseOrderId, outstanding, s.OnOrder - current + outstanding, c.Stage, now)];
    }

    /// <summary>
    /// Messages about one order may arrive out of order (each type has its own queue): a later stage wins, a repeated
    /// confirmation replaces the earlier one, of two receipts the one leaving less outstanding wins, a placement never
    /// overrides anything, and a cancelled order stays cancelled.
    /// </summary>
    private static bool Supersedes(OrderStage stage, int outstanding, OrderLine current) => stage switch
    {
        _ when current.Stage == OrderStage.Cancelled => false,
        OrderStage.Placed => false,
        OrderStage.Received when current.Stage == OrderStage.Received => outstanding < current.Outstanding,
        _ => stage >= current.Stage,
    };
}

/// <summary>Shared by the purchase-order consumers: one decision per line, all in the consumer's transaction.</summary>
public static class PurchaseOrderLines
{
    public static async Task TrackAsync(IDocumentSession session, ILogger log, string branch, string purchaseOrderId, OrderStage stage,
        IEnumerable<(string Sku, int Outstanding)> lines, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (sku, outstanding) in lines)
        {
            if (await session.LoadAsync<Product>(Product.StreamId(sku), ct) is not { } product)
            {
                log.LogWarning("Purchase order {Order} names sku {Sku}, which is not in the catalogue; its on-order quantity is not tracked", purchaseOrderId, sku);
                continue;
            }
            var command = new TrackOnOrder(branch, ProductFacts.From(product), purchaseOrderId, outstanding, stage);
            await session.DecideStock(branch, sku, s => TrackOnOrder.Decide(s, command, now), ct);
        }
    }
}

public sealed class PurchaseOrderPlacedConsumer(IDocumentStore store, TimeProvider clock, ILogger<PurchaseOrderPlacedConsumer> log)
    : IdempotentConsumer<PurchaseOrderPlaced>(store, log)
{
    protected override Task Apply(IDocumentSession session, PurchaseOrderPlaced m, ConsumeContext<PurchaseOrderPlaced> context) =>
        PurchaseOrderLines.TrackAsync(session, log, m.BranchId, m.PurchaseOrderId, OrderStage.Placed,
            m.Lines.GroupBy(l => l.Sku).Select(g => (g.Key, g.Sum(l => l.Quantity))), clock.GetUtcNow(), context.CancellationToken);
}

public sealed class PurchaseOrderConfirmedConsumer(IDocumentStore store, TimeProvider clock, ILogger<PurchaseOrderConfirmedConsumer> log)
    : IdempotentConsumer<PurchaseOrderConfirmed>(store, log)
{
    protected override Task Apply(IDocumentSession session, PurchaseOrderConfirmed m, ConsumeContext<PurchaseOrderConfirmed> context) =>
        PurchaseOrderLines.TrackAsync(session, log, m.BranchId, m.PurchaseOrderId, OrderStage.Confirmed,
            m.Lines.GroupBy(l => l.Sku).Select(g => (g.Key, g.Sum(l => l.ConfirmedQuantity))), clock.GetUtcNow(), context.CancellationToken);
}

public sealed class PurchaseOrderCancelledConsumer(IDocumentStore store, TimeProvider clock, ILogger<PurchaseOrderCancelledConsumer> log)
    : IdempotentConsumer<PurchaseOrderCancelled>(store, log)
{
    protected override Task Apply(IDocumentSession session, PurchaseOrderCancelled m, ConsumeContext<PurchaseOrderCancelled> context) =>
        PurchaseOrderLines.TrackAsync(session, log, m.BranchId, m.PurchaseOrderId, OrderStage.Cancelled,
            m.OutstandingLines.Select(l => l.Sku).Distinct().Select(sku => (sku, 0)), clock.GetUtcNow(), context.CancellationToken);
}
