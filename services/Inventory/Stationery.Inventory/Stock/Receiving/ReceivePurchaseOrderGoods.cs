using Marten;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock.Ordering;

namespace Stationery.Inventory.Stock.Receiving;

/// <summary>
/// Goods received against a purchase order (Purchasing's <see cref="GoodsReceived"/>): booked into stock with the order
/// number as reference, and the order's outstanding quantity lowered in the same decision, so projected stock does not
/// jump twice.
/// </summary>
public sealed record ReceivePurchaseOrderGoods(ReceiveStock Receipt, TrackOnOrder OnOrder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, ReceivePurchaseOrderGoods c, DateTimeOffset now) =>
        StockStream.Change(state, c.Receipt.Branch, c.Receipt.Product, now, s =>
        [
            new StockReceived(c.Receipt.Branch, s.Sku, c.Receipt.Quantity, s.OnHand + c.Receipt.Quantity, c.Receipt.Reference,
                c.Receipt.Recorder.By, c.Receipt.Recorder.Source, now),
            .. TrackOnOrder.Changes(s, c.OnOrder, now),
        ]);
}

public sealed class GoodsReceivedConsumer(IDocumentStore store, TimeProvider clock, ILogger<GoodsReceivedConsumer> log)
    : IdempotentConsumer<GoodsReceived>(store, log)
{
    protected override async Task Apply(IDocumentSession session, GoodsReceived m, ConsumeContext<GoodsReceived> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var recorder = new Recorder(m.ReceivedByName, $"purchase-order:{m.ReceiptId}");
        // One decision per product: a sku on two lines of one delivery is one receipt of their sum.
        var lines = m.Lines.Where(l => l.Quantity > 0).GroupBy(l => l.Sku)
            .Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity), Outstanding: g.Sum(l => l.ExpectedQuantity - l.ReceivedTotal)));
        foreach (var line in lines)
        {
            if (await session.LoadAsync<Product>(Product.StreamId(line.Sku), ct) is not { } product)
            {
                log.LogWarning("Receipt {Receipt} of order {Order} names sku {Sku}, which is not in the catalogue; not booked",
                    m.ReceiptId, m.PurchaseOrderId, line.Sku);
                continue;
            }
            var facts = ProductFacts.From(product);
            var command = new ReceivePurchaseOrderGoods(
                new ReceiveStock(m.BranchId, facts, line.Quantity, m.PurchaseOrderId, recorder),
                new TrackOnOrder(m.BranchId, facts, m.PurchaseOrderId, line.Outstanding, OrderStage.Received));
            await session.DecideStock(m.BranchId, line.Sku, s => ReceivePurchaseOrderGoods.Decide(s, command, now), ct);
        }
    }
}
