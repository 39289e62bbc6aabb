namespace Stationery.Contracts.Purchasing;

/// <summary>An item was put on a branch's purchase list (采购清单), waiting to be ordered.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="ItemId">The list item's id.</param>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称, e.g. 晨光荧光笔.</param>
/// <param name="Spec">规格型号, e.g. 黄色.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="Quantity">Units to order (already rounded up to whole packs for automatic items).</param>
/// <param name="Note">Free text from the person adding it, if any.</param>
/// <param name="Source">Where it came from: <c>alert</c> (a low-stock alert), <c>chat</c> (a card button) or <c>manual</c>.</param>
/// <param name="RequestedBy">User id of the person who added it, or <c>system</c> for an alert.</param>
/// <param name="ChatMessageId">The chat message the request came from, when <paramref name="Source"/> is <c>chat</c>.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.purchase-list-item-added")]
public sealed record PurchaseListItemAdded(string TenantId, string BranchId, string ItemId, string Sku, string ProductName,
    string Spec, string Unit, int Quantity, string? Note, string Source, string RequestedBy, string? ChatMessageId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
