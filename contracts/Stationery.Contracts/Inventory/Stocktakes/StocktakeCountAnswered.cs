namespace Stationery.Contracts.Inventory;

/// <summary>
/// Inventory's answer to a count reported in chat (<see cref="StocktakeCountReportedInChat"/>): recorded toward a zone, or
/// refused with the reason. Never carries the book figure (a blind stocktake's counters must not learn it from the card).
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="Sku">The product.</param>
/// <param name="Counted">The units reported.</param>
/// <param name="Outcome"><c>recorded</c> or <c>refused</c>.</param>
/// <param name="ZoneName">The zone it counted toward (when recorded).</param>
/// <param name="Explanation">What the card shows, Chinese first then English: e.g. 已计入 文具区（你的第 2 次清点替换了第 1 次）
/// or why it was refused (zone finished, product outside the counter's zones, not a counter, stocktake closed).</param>
/// <param name="ChatMessageId">The counter's message.</param>
/// <param name="ReplyMessageId">The bot's answer card to update.</param>
/// <param name="OccurredAt">When Inventory answered.</param>
[WireName("stationery.inventory.stocktake-count-answered")]
public sealed record StocktakeCountAnswered(string TenantId, string BranchId, string StocktakeId, string Sku, int Counted, string Outcome,
    string? ZoneName, string Explanation, string ChatMessageId, string ReplyMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
