using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.PurchaseLists.Adding;

/// <summary>
/// 低库存 → 采购清单: a low-stock alert puts the product on the branch's purchase list by itself, for the suggested quantity
/// rounded up to whole packs and to the default supplier's minimum order. Inventory's suggestion is already net of stock on
/// order (it counts <c>PurchaseOrderPlaced</c> into projected stock), so nothing is subtracted here again.
/// </summary>
public static class AddFromLowStockAlert
{
    public const string System = "system";

    public sealed record Command(string Branch, string ItemId, ProductCopy Product, int SuggestedQuantity, int MinOrderQty);

    public static IReadOnlyList<object> Decide(PurchaseList? list, Command c, DateTimeOffset now)
    {
        // One open line per product: a second alert (after a restock and a new dip) leaves the unordered line as it is.
        if (list is not null && list.Items.Any(i => i.Sku == c.Product.Sku)) return [];
        var quantity = Quantity(c.SuggestedQuantity, c.Product.PackSize, c.MinOrderQty);
        if (quantity == 0) return [];
        return
        [
            new PurchaseListItemAdded(c.Branch, c.ItemId, c.Product.Sku, c.Product.Name, c.Product.Spec, c.Product.Unit, quantity,
                $"低库存预警,建议补货 {c.SuggestedQuantity}{c.Product.Unit}(已扣除在途)", ItemSource.Alert, System,
                null, null, now),
        ];
    }

    /// <summary>suggested 28, packs of 12, minimum 0 → 36; suggested 10, packs of 12, minimum 30 → 36. Nothing for nothing.</summary>
    public static int Quantity(int suggested, int packSize, int minOrderQty) => new PackRule(packSize, minOrderQty).Round(suggested);
}

public sealed class LowStockDetectedConsumer(IDocumentStore store, TimeProvider clock, ILogger<LowStockDetectedConsumer> log)
    : IdempotentConsumer<LowStockDetected>(store, log)
{
    protected override async Task Apply(IDocumentSession session, LowStockDetected m, ConsumeContext<LowStockDetected> context)
    {
        var ct = context.CancellationToken;
        var product = await session.LoadAsync<ProductCopy>(m.Sku, ct) ?? ProductCopy.Unknown(m.Sku, m.ProductName, m.Spec, m.Unit);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var suppliers = await session.Query<Supplier>().ToListAsync(ct);
        var minimum = CheapestQuote.For(suppliers, m.Sku, today)?.Quote.MinOrderQty ?? 0;

        var command = new AddFromLowStockAlert.Command(m.BranchId, PurchaseList.NewItemId(), product, m.SuggestedQuantity, minimum);
        await session.Decide<PurchaseList>(PurchaseList.StreamId(m.BranchId),
            list => AddFromLowStockAlert.Decide(list, command, clock.GetUtcNow()), ct);
    }
}
