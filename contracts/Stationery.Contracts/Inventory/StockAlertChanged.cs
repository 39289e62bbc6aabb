namespace Stationery.Contracts.Inventory;

/// <summary>
/// A product's stock alert at a branch changed: it opened (<c>low</c> 低库存 or <c>out</c> 缺货), turned from low to out (or back), or closed (<c>resolved</c>, with <see cref="Resolution"/> saying why). Inventory publishes exactly one of these per change, so one sale that takes the
/// last unit is one <c>out</c>, never two racing messages. A sell-out of a product without a reorder policy is an <c>out</c>
/// too, and the receipt or count that brings stock back resolves it. <see cref="Version"/> grows with every change of the
/// product's stock at the branch: a consumer that has seen a higher version drops an older change arriving late.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="State">The alert state after the change: <c>low</c>, <c>out</c> or <c>resolved</c> (<see cref="StockAlertState"/>).</param>
/// <param name="Previous">The alert state before it (<c>resolved</c>: no alert was open).</param>
/// <param name="Resolution">Why the alert closed (<see cref="StockAlertResolution"/>); null unless <paramref name="State"/> is <c>resolved</c>.</param>
/// <param name="ProductName">名称, so a consumer can show the alert without a lookup.</param>
/// <param name="Spec">规格型号.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="OnHand">On hand now.</param>
/// <param name="OnOrder">Units on order from suppliers (purchase orders placed, not yet received).</param>
/// <param name="InTransit">Units on their way from other branches.</param>
/// <param name="ReorderPoint">The reorder point (the policy's, else the computed one); null when the product has none.</param>
/// <param name="SuggestedQuantity">
/// Suggested order quantity (up to the max level, rounded to pack size, net of stock on order and in transit) while an alert
/// is open and there is a reorder point; else null.
/// </param>
/// <param name="LeadTimeDays">
/// The lead time the reorder point counts on (absent when nothing says): an order placed now should arrive within it, so
/// Purchasing prefers suppliers that deliver in time.
/// </param>
/// <param name="Version">The version of the product's stock stream at the branch after the change (monotonic per branch and sku).</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.stock-alert-changed")]
public sealed record StockAlertChanged(string TenantId, string BranchId, string Sku, string State, string Previous,
    string? Resolution, string ProductName, string Spec, string Unit, int OnHand, int OnOrder, int InTransit,
    int? ReorderPoint, int? SuggestedQuantity, int? LeadTimeDays, long Version, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>Whether this change opened an alert (from none to low or out), as against moving an open one.</summary>
    public bool Opens() => Previous == StockAlertState.Resolved && State != StockAlertState.Resolved;
}
