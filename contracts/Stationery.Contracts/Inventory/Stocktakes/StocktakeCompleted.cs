namespace Stationery.Contracts.Inventory;

/// <summary>
/// 盘点完成: the stocktake was completed and locked. One adjustment per variance was booked with its reason (a delivery not
/// booked in became a receipt on its purchase order instead). Chat posts the figures; the daily report shows them.
/// Value figures are at retail price (零售价), which every role may see.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="Kind"><c>full</c> or <c>cycle</c>.</param>
/// <param name="SkusCounted">Products counted.</param>
/// <param name="ExpectedUnits">Σ expected units.</param>
/// <param name="VarianceUnits">Σ |variance| in units.</param>
/// <param name="AccuracyUnits">1 − VarianceUnits ÷ ExpectedUnits (1 when nothing was expected and nothing found).</param>
/// <param name="ExpectedValue">Σ expected × retail price.</param>
/// <param name="VarianceValue">Σ |variance| × retail price.</param>
/// <param name="AccuracyValue">1 − VarianceValue ÷ ExpectedValue.</param>
/// <param name="Adjustments">How many adjustments were booked.</param>
/// <param name="CompletedBy">Display name of the person who completed it.</param>
/// <param name="OccurredAt">When it was completed.</param>
[WireName("stationery.inventory.stocktake-completed")]
public sealed record StocktakeCompleted(string TenantId, string BranchId, string StocktakeId, string Kind, int SkusCounted, int ExpectedUnits,
    int VarianceUnits, decimal AccuracyUnits, decimal ExpectedValue, decimal VarianceValue, decimal AccuracyValue, int Adjustments,
    string CompletedBy, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>盘点取消: the stocktake was cancelled; nothing was booked.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch.</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="CancelledBy">Display name of the person who cancelled it.</param>
/// <param name="OccurredAt">When.</param>
[WireName("stationery.inventory.stocktake-cancelled")]
public sealed record StocktakeCancelled(string TenantId, string BranchId, string StocktakeId, string CancelledBy, DateTimeOffset OccurredAt)
    : IIntegrationEvent;
