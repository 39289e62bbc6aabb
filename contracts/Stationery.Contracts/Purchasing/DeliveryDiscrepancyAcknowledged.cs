namespace Stationery.Contracts.Purchasing;

/// <summary>
/// The supplier acknowledged a delivery discrepancy from its card in the supplier's channel, choosing how it will be
/// settled: <c>backorder</c> (补发, the missing units follow) or <c>credit-note</c> (开红字发票, the difference is credited).
/// Published by Chat (only a guest of <paramref name="SupplierId"/> may press), consumed by Purchasing, which records it on
/// the order's timeline.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The receiving branch.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="ReceiptId">The receipt that revealed the discrepancy.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="Settlement"><c>backorder</c> or <c>credit-note</c>.</param>
/// <param name="AcknowledgedBy">User id of the supplier's guest.</param>
/// <param name="AcknowledgedByName">Their display name.</param>
/// <param name="ChatMessageId">The discrepancy card's message.</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.purchasing.delivery-discrepancy-acknowledged")]
public sealed record DeliveryDiscrepancyAcknowledged(string TenantId, string BranchId, string PurchaseOrderId, string ReceiptId,
    string SupplierId, string Settlement, string AcknowledgedBy, string AcknowledgedByName, string ChatMessageId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
