namespace Stationery.Contracts.Inventory;

/// <summary>
/// Inventory did not take an explanation chosen in chat (<see cref="StocktakeVarianceExplanationRequested"/>): the card says
/// why and nothing changed.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="Sku">The product.</param>
/// <param name="Explanation">Why, Chinese first then English (stocktake closed, not permitted, no such variance).</param>
/// <param name="RequestedByName">Display name of the presser.</param>
/// <param name="ChatMessageId">The card.</param>
/// <param name="OccurredAt">When Inventory refused it.</param>
[WireName("stationery.inventory.stocktake-chat-refused")]
public sealed record StocktakeChatRefused(string TenantId, string BranchId, string StocktakeId, string Sku, string Explanation,
    string RequestedByName, string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
