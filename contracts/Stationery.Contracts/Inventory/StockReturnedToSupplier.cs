namespace Stationery.Contracts.Inventory;

/// <summary>退货: units of a product left a branch back to a supplier (faulty, wrong or unsold goods).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">Units returned (positive).</param>
/// <param name="OnHand">On-hand quantity after the return.</param>
/// <param name="Reference">The return note's reference.</param>
/// <param name="SupplierId">The supplier the goods went back to, if given.</param>
/// <param name="Reason">Why, as entered, if given.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.stock-returned-to-supplier")]
public sealed record StockReturnedToSupplier(string TenantId, string BranchId, string Sku, int Quantity, int OnHand, string Reference,
    string? SupplierId, string? Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;
