namespace Stationery.Contracts.Inventory;

/// <summary>
/// A variance's explanation was chosen (in chat or in the app). For <c>miscount</c> the product goes back to its zone's
/// counters for a recount, and Chat says so in the thread.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="ZoneId">The product's zone.</param>
/// <param name="Sku">The product.</param>
/// <param name="Reason">One of <see cref="StocktakeReasons"/>.</param>
/// <param name="Note">What the person wrote, if anything.</param>
/// <param name="ExplainedBy">Display name of the person who chose it.</param>
/// <param name="ChatMessageId">The variance card it was chosen on, when it came from chat.</param>
/// <param name="OccurredAt">When it was chosen.</param>
[WireName("stationery.inventory.stocktake-variance-explained")]
public sealed record StocktakeVarianceExplained(string TenantId, string BranchId, string StocktakeId, string ZoneId, string Sku,
    string Reason, string? Note, string ExplainedBy, string? ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
