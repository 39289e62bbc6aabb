namespace Stationery.Contracts.Purchasing;

/// <summary>
/// A purchase order (采购单) was sent to a supplier. Inventory adds the lines to the branch's on-order quantities; Chat
/// posts the order as a card in the supplier's channel.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch the goods are for.</param>
/// <param name="PurchaseOrderId">The order number, e.g. <c>PO-20260301-3F9A1C</c>.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="SupplierName">The supplier's name, e.g. 晨光文具供应商.</param>
/// <param name="Lines">What was ordered.</param>
/// <param name="ExpectedBy">Expected delivery date (order date plus the supplier's lead time).</param>
/// <param name="PlacedBy">User id of the person who placed the order.</param>
/// <param name="PlacedByName">Their display name.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.purchase-order-placed")]
public sealed record PurchaseOrderPlaced(string TenantId, string BranchId, string PurchaseOrderId, string SupplierId,
    string SupplierName, IReadOnlyList<PurchaseOrderLine> Lines, DateOnly ExpectedBy, string PlacedBy, string PlacedByName,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
