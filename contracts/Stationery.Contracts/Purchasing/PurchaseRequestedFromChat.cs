namespace Stationery.Contracts.Purchasing;

/// <summary>
/// Someone pressed a chat card's <c>加入采购清单</c> button (or used <c>/补货</c>): Purchasing puts the product on the
/// branch's purchase list (采购清单). Published by Chat, consumed by Purchasing.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch whose purchase list receives the item.</param>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">Units requested (positive).</param>
/// <param name="RequestedBy">User id of the person who pressed the button.</param>
/// <param name="ChatMessageId">The chat message (card) the request came from, so the list item links back to it.</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.purchasing.purchase-requested-from-chat")]
public sealed record PurchaseRequestedFromChat(string TenantId, string BranchId, string Sku, int Quantity, string RequestedBy,
    string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
