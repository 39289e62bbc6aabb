namespace Stationery.Contracts.Inventory;

/// <summary>
/// Someone pressed <c>记为盘点数量</c> on a stock report card: Inventory records the counted figure as the shelf's stock — an
/// adjustment with reason <c>count</c> of counted − on hand, its source the card's message — and answers with
/// <see cref="SpotCountRecorded"/>. Published by Chat, which offers the button only to roles allowed to adjust stock;
/// Inventory checks <paramref name="RequestedByRoles"/> again (owner, manager or hq) and ignores any other request.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch whose stock was counted.</param>
/// <param name="Sku">The product.</param>
/// <param name="Counted">The units counted on the shelf (zero or more).</param>
/// <param name="RequestedBy">User id of the person who pressed the button.</param>
/// <param name="RequestedByName">Their display name, for the ledger.</param>
/// <param name="RequestedByRoles">Their roles when they pressed it.</param>
/// <param name="ChatMessageId">The card's message (the adjustment's source).</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.inventory.spot-count-requested")]
public sealed record SpotCountRequested(string TenantId, string BranchId, string Sku, int Counted, string RequestedBy, string RequestedByName,
    IReadOnlyList<string> RequestedByRoles, string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
