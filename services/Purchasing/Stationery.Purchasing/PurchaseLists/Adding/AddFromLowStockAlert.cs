using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.Suppliers;
using Stationery.Purchasing.Suppliers.Quoting;

namespace Stationery.Purchasing.PurchaseLists.Adding;

/// <summary>
/// 低库存 → 采购清单: a low-stock alert puts the product on the branch's purchase list by itself, for the suggested quantity
/// rounded up to the default supplier's packs (its own pack size, else the catalogue's) and minimum order. Inventory's suggestion is already net of stock on
/// order (it counts <c>PurchaseOrderPlaced</c> into projected stock), so nothing is subtracted here again.
/// </summary>
public static class AddFromLowStockAlert
{
    public const string System = "system";

    public sealed record Command(string Branch, string ItemId, ProductCopy Product, int SuggestedQuantity, PackRule Rule);

    public static IReadOnlyList<object> Decide(PurchaseList? list, Command c, DateTimeOffset now)
    {
        // One open line per product: a second alert (after a restock and a new dip) leaves the unordered line as it is.
        if (list is not null && list.Items.Any(i => i.Sku == c.Product.Sku)) return [];
        var quantity = c.Rule.Round(c.SuggestedQuantity);
        if (quantity == 0) return [];
        return
        [
            new PurchaseListItemAdded(c.Branch, c.ItemId, c.Product.Sku, c.Product.Name, c.Product.Spec, c.Product.Unit, quantity,
                $"低库存预警,建议补货 {c.SuggestedQuantity}{c.Product.Unit}(已扣除在途)", ItemSource.Alert, System,
                null, null, now),
        ];
    }

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
        var measured = await SupplierHistories.MeasuredLeadTimesAsync(session, ct);
        var rule = PackRule.For(CheapestQuote.For(suppliers, m.Sku, today, measured: measured)?.Supplier, product, today);

        var command = new AddFromLowStockAlert.Command(m.BranchId, PurchaseList.NewItemId(), product, m.SuggestedQuantity, rule);
        await session.Decide<PurchaseList>(PurchaseList.StreamId(m.BranchId),
            list => AddFromLowStockAlert.Decide(list, command, clock.GetUtcNow()), ct);
    }
}
