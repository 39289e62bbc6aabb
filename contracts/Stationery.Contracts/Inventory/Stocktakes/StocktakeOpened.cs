namespace Stationery.Contracts.Inventory;

/// <summary>
/// 盘点开始: a stocktake was opened at a branch. Chat announces it in the branch's 盘点 channel and @mentions each zone's
/// counters; while it is open, counts reported there (<c>[水彩本][16K][10]</c>) count toward the reporter's zone.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">Its number, e.g. <c>ST-20261203-3F9A1C</c>.</param>
/// <param name="Kind"><c>full</c> (everything) or <c>cycle</c> (today's categories by their counting frequency).</param>
/// <param name="Blind">Counters do not see the book figures.</param>
/// <param name="Zones">The zones and their counters.</param>
/// <param name="OpenedBy">Display name of the person who opened it.</param>
/// <param name="OccurredAt">When it was opened.</param>
[WireName("stationery.inventory.stocktake-opened")]
public sealed record StocktakeOpened(string TenantId, string BranchId, string StocktakeId, string Kind, bool Blind,
    IReadOnlyList<StocktakeZone> Zones, string OpenedBy, DateTimeOffset OccurredAt) : IIntegrationEvent;
