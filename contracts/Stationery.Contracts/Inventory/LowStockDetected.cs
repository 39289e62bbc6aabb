namespace Stationery.Contracts.Inventory;

/// <summary>
/// A product's stock at a branch fell to or below its reorder point. Raised once; the alert stays open until
/// <see cref="LowStockResolved"/>.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称, so a consumer can show the alert without a lookup.</param>
/// <param name="Spec">规格型号.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="OnHand">On hand now.</param>
/// <param name="ReorderPoint">The reorder point that was crossed.</param>
/// <param name="SuggestedQuantity">Suggested order quantity (up to the max level, rounded to pack size).</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="LeadTimeDays">
/// The lead time the reorder point counts on (the product's policy, else the computed one; absent when neither says): an
/// order placed now should arrive within it, so Purchasing prefers suppliers that deliver in time.
/// </param>
[WireName("stationery.inventory.low-stock-detected")]
public sealed record LowStockDetected(string TenantId, string BranchId, string Sku, string ProductName, string Spec, string Unit,
    int OnHand, int ReorderPoint, int SuggestedQuantity, DateTimeOffset OccurredAt, int? LeadTimeDays = null) : IIntegrationEvent;
