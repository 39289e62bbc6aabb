namespace Stationery.Contracts.Inventory;

/// <summary>
/// 清点完毕: a zone's counters finished it. Chat posts <c>文具区清点完毕,与系统数据一致</c> when nothing differs, or
/// <c>笔记本区域发现差异,水彩本系统显示12本,实际数了只有10本</c> with a thread per variance whose buttons choose its explanation
/// (<see cref="StocktakeVarianceExplanationRequested"/>).
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="ZoneId">The zone.</param>
/// <param name="ZoneName">Its name.</param>
/// <param name="SkusCounted">How many products were counted in it.</param>
/// <param name="Variances">The products whose count differs from the books (empty: it agrees).</param>
/// <param name="AccuracyUnits">1 − Σ|variance| ÷ Σ expected, in units, for the zone (1 when nothing was expected and nothing found).</param>
/// <param name="FinishedBy">Display name of the person who finished it.</param>
/// <param name="OccurredAt">When it was finished.</param>
[WireName("stationery.inventory.stocktake-zone-finished")]
public sealed record StocktakeZoneFinished(string TenantId, string BranchId, string StocktakeId, string ZoneId, string ZoneName,
    int SkusCounted, IReadOnlyList<StocktakeVariance> Variances, decimal AccuracyUnits, string FinishedBy, DateTimeOffset OccurredAt)
    : IIntegrationEvent;
