namespace Stationery.Contracts.Purchasing;

/// <summary>
/// The supplier announced a delivery against a purchase order (发货通知): what is on its way and the day it should arrive.
/// Nothing is booked (stock moves with <see cref="GoodsReceived"/>); Chat tells the buyers in the order card's thread.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch the goods are for.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="SupplierName">The supplier's name.</param>
/// <param name="ExpectedOn">The day the supplier expects the goods to arrive.</param>
/// <param name="Lines">What is on its way.</param>
/// <param name="Note">The supplier's note (carrier, tracking number), if any.</param>
/// <param name="AnnouncedBy">User id of the supplier's guest.</param>
/// <param name="AnnouncedByName">Their display name.</param>
/// <param name="OccurredAt">When it was announced.</param>
[WireName("stationery.purchasing.delivery-announced")]
public sealed record DeliveryAnnounced(string TenantId, string BranchId, string PurchaseOrderId, string SupplierId, string SupplierName,
    DateOnly ExpectedOn, IReadOnlyList<AnnouncedLine> Lines, string? Note, string AnnouncedBy, string AnnouncedByName,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
