namespace Stationery.Contracts.Purchasing;

/// <summary>
/// A delivery against a purchase order was received at the branch (one event per receipt; an order may have several).
/// Inventory books each line into stock (reference = the order number) and lowers its on-order quantities.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The receiving branch.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="ReceiptId">This receipt's id (unique per delivery).</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="SupplierName">The supplier's name.</param>
/// <param name="Lines">What arrived.</param>
/// <param name="OrderCompleted">True when this receipt completed the order (every line received in full).</param>
/// <param name="ReceivedBy">User id of the person who received the goods.</param>
/// <param name="ReceivedByName">Their display name.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.goods-received")]
public sealed record GoodsReceived(string TenantId, string BranchId, string PurchaseOrderId, string ReceiptId, string SupplierId,
    string SupplierName, IReadOnlyList<ReceivedLine> Lines, bool OrderCompleted, string ReceivedBy, string ReceivedByName,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
