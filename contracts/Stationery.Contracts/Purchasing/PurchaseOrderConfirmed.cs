namespace Stationery.Contracts.Purchasing;

/// <summary>
/// The supplier confirmed a purchase order, possibly with changed quantities or a changed delivery day. Inventory moves its
/// on-order quantities to the confirmed figures; Chat updates the order card and tells the owner when something changed.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch the goods are for.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="SupplierName">The supplier's name.</param>
/// <param name="Lines">Every line, ordered and confirmed.</param>
/// <param name="QuantitiesChanged">True when any confirmed quantity differs from the ordered one.</param>
/// <param name="ConfirmedBy">User id of whoever confirmed (the supplier's guest, or the owner on their behalf).</param>
/// <param name="ConfirmedByName">Their display name.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.purchase-order-confirmed")]
public sealed record PurchaseOrderConfirmed(string TenantId, string BranchId, string PurchaseOrderId, string SupplierId,
    string SupplierName, IReadOnlyList<ConfirmedOrderLine> Lines, bool QuantitiesChanged, string ConfirmedBy,
    string ConfirmedByName, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The delivery day agreed by this confirmation (null from publishers that predate it).</summary>
    public DateOnly? ExpectedBy { get; init; }

    /// <summary>The delivery day the order asked for, before this confirmation.</summary>
    public DateOnly? OrderedExpectedBy { get; init; }

    /// <summary>True when the supplier agreed to another delivery day than the order asked for.</summary>
    public bool DateChanged => ExpectedBy is { } agreed && OrderedExpectedBy is { } asked && agreed != asked;
}
