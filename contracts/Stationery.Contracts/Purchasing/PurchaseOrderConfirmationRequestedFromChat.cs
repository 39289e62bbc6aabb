namespace Stationery.Contracts.Purchasing;

/// <summary>
/// A supplier's guest pressed <c>确认订单</c> on a purchase order card in the supplier's channel: Purchasing confirms the
/// order as ordered (the same rule as <c>POST /api/purchasing/purchase-orders/{id}/confirm</c> without changed lines, with
/// <see cref="ExpectedBy"/> as its <c>expectedBy</c> when the supplier picked another delivery day on the card) and
/// publishes <see cref="PurchaseOrderConfirmed"/>. Published by Chat, which lets only a guest of
/// <paramref name="SupplierId"/> press the button; consumed by Purchasing.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch the order is for.</param>
/// <param name="PurchaseOrderId">The order number.</param>
/// <param name="SupplierId">The supplier the card was posted for (Purchasing ignores the request if the order is another supplier's).</param>
/// <param name="RequestedBy">User id of the supplier's guest who pressed the button.</param>
/// <param name="RequestedByName">Their display name, for the order's timeline.</param>
/// <param name="ChatMessageId">The card's message.</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.purchasing.purchase-order-confirmation-requested-from-chat")]
public sealed record PurchaseOrderConfirmationRequestedFromChat(string TenantId, string BranchId, string PurchaseOrderId, string SupplierId,
    string RequestedBy, string RequestedByName, string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The delivery day the supplier agrees to, when it picked one on the card; null keeps the order's.</summary>
    public DateOnly? ExpectedBy { get; init; }
}
