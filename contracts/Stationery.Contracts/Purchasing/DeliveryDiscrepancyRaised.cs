namespace Stationery.Contracts.Purchasing;

/// <summary>
/// After a receipt, what has arrived on a purchase order differs from what was agreed (short or over delivery). Chat
/// posts a discrepancy card (到货差异) in the supplier's channel quoting the ordered, confirmed and received figures.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The receiving branch.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="ReceiptId">The receipt that revealed the difference.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="SupplierName">The supplier's name.</param>
/// <param name="Lines">Only the lines that differ.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.delivery-discrepancy-raised")]
public sealed record DeliveryDiscrepancyRaised(string TenantId, string BranchId, string PurchaseOrderId, string ReceiptId,
    string SupplierId, string SupplierName, IReadOnlyList<DiscrepancyLine> Lines, DateTimeOffset OccurredAt) : IIntegrationEvent;
