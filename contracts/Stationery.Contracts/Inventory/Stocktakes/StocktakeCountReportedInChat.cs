namespace Stationery.Contracts.Inventory;

/// <summary>
/// A counter reported a count in the 盘点 channel (<c>[水彩本][16K][10]</c>) while a stocktake is open there. Published by
/// Chat with the product it matched; Inventory records it as that person's count in the zone that covers the product
/// (replacing their earlier count of it) and answers with <see cref="StocktakeCountAnswered"/>.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The open stocktake.</param>
/// <param name="Sku">The product.</param>
/// <param name="Counted">The units counted.</param>
/// <param name="RequestedBy">User id of the counter.</param>
/// <param name="RequestedByName">Their display name.</param>
/// <param name="RequestedByRoles">Their roles.</param>
/// <param name="RequestedByBranches">The branches their account reaches.</param>
/// <param name="ChatMessageId">The counter's message (the count's id: a redelivery counts once).</param>
/// <param name="ReplyMessageId">The bot's answer card in the message's thread, which the answer updates.</param>
/// <param name="OccurredAt">When it was said.</param>
[WireName("stationery.inventory.stocktake-count-reported-in-chat")]
public sealed record StocktakeCountReportedInChat(string TenantId, string BranchId, string StocktakeId, string Sku, int Counted,
    string RequestedBy, string RequestedByName, IReadOnlyList<string> RequestedByRoles, IReadOnlyList<string> RequestedByBranches,
    string ChatMessageId, string ReplyMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
