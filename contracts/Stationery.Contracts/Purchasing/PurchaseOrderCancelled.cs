namespace Stationery.Contracts.Purchasing;

/// <summary>
/// A purchase order was cancelled; what had not been delivered will not come. Inventory removes
/// <paramref name="OutstandingLines"/> from its on-order quantities.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch the goods were for.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="SupplierName">The supplier's name.</param>
/// <param name="Reason">Why, as entered by the person cancelling, if given.</param>
/// <param name="OutstandingLines">Units still expected at the moment of cancelling (confirmed or ordered, minus received).</param>
/// <param name="CancelledBy">User id of the person who cancelled.</param>
/// <param name="CancelledByName">Their display name.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.purchase-order-cancelled")]
public sealed record PurchaseOrderCancelled(string TenantId, string BranchId, string PurchaseOrderId, string SupplierId,
    string SupplierName, string? Reason, IReadOnlyList<PurchaseOrderLine> OutstandingLines, string CancelledBy,
    string CancelledByName, DateTimeOffset OccurredAt) : IIntegrationEvent;
