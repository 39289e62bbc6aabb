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
/// 低库存 → 采购清单: a stock alert that opens (低库存, or 缺货 straight away) with a suggestion puts the product on the branch's purchase list by itself, for the suggested quantity
/// rounded up to the default supplier's packs (its own pack size, else the catalogue's) and minimum order. Inventory's suggestion is already net of stock on
/// order (it counts <c>PurchaseOrderPlaced</c> into projected stock), so nothing is subtracted here again. When the alert says
/// the lead time its reorder point counts on, the line is needed by the alert's day plus that lead time, and the default
/// supplier is the cheapest that delivers by then (<see cref="CheapestQuote"/>).
/// </summary>
public static class AddFromLowStockAlert
{
    public const string System = "system";

    public sealed record Command(string Branch, string ItemId, ProductCopy Product, int SuggestedQuantity, PackRule Rule,
        DateOnly? NeededBy = null);

    /// <summary>The alert's day plus the lead time its reorder point counts on; null when the alert does not say.</summary>
    public static DateOnly? NeededBy(StockAlertChanged alert) =>
        alert.LeadTimeDays is { } days and >= 0 ? DateOnly.FromDateTime(alert.OccurredAt.UtcDateTime).AddDays(days) : null;

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
                null, null, now, c.NeededBy),
        ];
    }

}

/// <summary>
/// Only the change that opens an alert adds: a low alert turning into a sell-out is the same alert (its line is on the list, or
/// ordered already). A stale change that arrives late is harmless: the list keeps one open line per product.
/// </summary>
public sealed class StockAlertOpenedConsumer(IDocumentStore store, TimeProvider clock, ILogger<StockAlertOpenedConsumer> log)
    : IdempotentConsumer<StockAlertChanged>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StockAlertChanged m, ConsumeContext<StockAlertChanged> context)
    {
        if (!m.Opens() || m.SuggestedQuantity is not > 0) return;
        var ct = context.CancellationToken;
        var product = await session.LoadAsync<ProductCopy>(m.Sku, ct) ?? ProductCopy.Unknown(m.Sku, m.ProductName, m.Spec, m.Unit);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var suppliers = await session.Query<Supplier>().ToListAsync(ct);
        var measured = await SupplierHistories.MeasuredLeadTimesAsync(session, ct);
        var neededBy = AddFromLowStockAlert.NeededBy(m);
        var rule = PackRule.For(CheapestQuote.For(suppliers, m.Sku, today, neededBy, measured)?.Supplier, product, today);

        var command = new AddFromLowStockAlert.Command(m.BranchId, PurchaseList.NewItemId(), product, m.SuggestedQuantity.Value, rule, neededBy);
        await session.Decide<PurchaseList>(PurchaseList.StreamId(m.BranchId),
            list => AddFromLowStockAlert.Decide(list, command, clock.GetUtcNow()), ct);
    }
}
