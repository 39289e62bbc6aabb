using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Alerts;

/// <summary>
/// 低库存预警. An alert opens when projected stock (on hand + on order + in transit in) falls to or below the reorder point
/// (explicit, or computed from sales by the daily pass), and stays
/// open — one per branch and product — until a receipt, adjustment, order or policy change lifts it above the point.
/// A branch that has never held the product has nothing to run low on: setting a reorder point before the first
/// delivery raises no alert (the first delivery is the order that is already on its way). A discontinued product is
/// sold off, not reordered: it raises no alert, and discontinuing it closes an open one.
/// </summary>
public static class LowStockRule
{
    /// <summary>Whether an alert belongs open on this state (the policy preview asks the same question).</summary>
    public static bool IsLow(StockItem s) => s.Stocked && !s.Discontinued && s.ReorderPoint is { } point && s.Projected <= point;

    public static IEnumerable<object> Evaluate(StockItem s, DateTimeOffset now)
    {
        var low = IsLow(s);
        if (low && !s.AlertOpen)
            yield return new LowStockDetected(s.Branch, s.Sku, s.Product.Name, s.Product.Spec, s.Product.Unit, s.OnHand,
                s.OnOrder, s.ReorderPoint!.Value, SuggestedQuantity(s), now, s.InTransit, s.LeadTimeDays);
        else if (!low && s.AlertOpen)
            yield return new LowStockResolved(s.Branch, s.Sku, s.OnHand, s.OnOrder, s.ReorderPoint ?? 0, now, s.InTransit);
    }

    /// <summary>
    /// Order up to the max level (or twice the reorder point when no max is set) from the projected stock, at least one
    /// unit, rounded up to whole packs: max 40, projected 8, packs of 6 → 32 → 36. Explicit or computed figures alike
    /// (<see cref="StockItem.ReorderPoint"/>, <see cref="StockItem.MaxLevel"/>). The supplier's minimum order is
    /// Purchasing's to apply: only it knows the quotes.
    /// </summary>
    public static int SuggestedQuantity(StockItem s)
    {
        var target = s.MaxLevel ?? 2 * (s.ReorderPoint ?? 0);
        var needed = Math.Max(target - s.Projected, 1);
        var pack = Math.Max(s.Product.PackSize, 1);
        return (needed + pack - 1) / pack * pack;
    }
}
