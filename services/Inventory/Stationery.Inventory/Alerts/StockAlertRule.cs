using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Alerts;

/// <summary>
/// The one alert fact Inventory publishes: the alert level of a product at a branch is a function of its stock state, and
/// every change that moves it yields exactly one <see cref="StockAlertChanged"/> (so one sale that takes the last unit is one
/// 缺货, not a 低库存 and a 缺货 racing each other). The domain's own <see cref="LowStockDetected"/>,
/// <see cref="LowStockResolved"/> and <see cref="WentOutOfStock"/> stay for the stock page and the ledger.
/// <list type="bullet">
/// <item><b>Out</b> (缺货): stocked once, not discontinued, nothing on hand, and what is on order or in transit does not lift the
/// projection above the reorder point (without a reorder point, nothing coming counts: only stock on hand resolves it).</item>
/// <item><b>Low</b> (低库存): the <see cref="LowStockRule"/> condition with some still on hand.</item>
/// </list>
/// Pure: the level before and after the change, compared.
/// </summary>
public static class StockAlertRule
{
    public static AlertLevel LevelOf(StockItem s)
    {
        if (!s.Stocked || s.Discontinued) return AlertLevel.None;
        var point = s.ReorderPoint;
        if (s.OnHand <= 0) return point is { } p && s.Projected > p ? AlertLevel.None : AlertLevel.Out;
        return point is { } q && s.Projected <= q ? AlertLevel.Low : AlertLevel.None;
    }

    public static IEnumerable<object> Evaluate(StockItem before, StockItem after, DateTimeOffset now)
    {
        var (was, @is) = (LevelOf(before), LevelOf(after));
        if (was == @is) yield break;
        var alerting = @is != AlertLevel.None && after.ReorderPoint is not null;
        yield return new StockAlertChanged(after.Branch, after.Sku, @is, was, @is == AlertLevel.None ? WhyResolved(was, after) : null,
            after.Product.Name, after.Product.Spec, after.Product.Unit, after.OnHand, after.OnOrder, after.InTransit, after.ReorderPoint,
            alerting ? LowStockRule.SuggestedQuantity(after) : null, after.LeadTimeDays, now);
    }

    /// <summary>
    /// Restocked only when stock on hand did it (above the reorder point; for a product without one, any at all); stock merely on
    /// order says so, so nobody reads an order as goods on the shelf.
    /// </summary>
    private static AlertResolution WhyResolved(AlertLevel was, StockItem s) =>
        s.Discontinued ? AlertResolution.Discontinued
        : s.ReorderPoint is not { } point ? (was == AlertLevel.Out && s.OnHand > 0 ? AlertResolution.Restocked : AlertResolution.PolicyRemoved)
        : s.OnHand > point ? AlertResolution.Restocked
        : s.OnOrder > 0 ? AlertResolution.OnOrder
        : AlertResolution.InTransit;
}
