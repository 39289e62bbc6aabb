namespace Stationery.Contracts.Inventory;

/// <summary>A branch's stock of a product is back above its reorder point; the open low-stock alert is closed.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="OnHand">On hand now.</param>
/// <param name="ReorderPoint">The reorder point.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.low-stock-resolved")]
public sealed record LowStockResolved(string TenantId, string BranchId, string Sku, int OnHand, int ReorderPoint,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
