namespace Stationery.Contracts.Inventory;

/// <summary>
/// 滞销品: a product has stock on hand at a branch but has not sold for longer than its slow-mover threshold. Raised once
/// by the branch's daily pass; the next sale ends the episode.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Spec">规格型号.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="OnHand">Units on the shelf.</param>
/// <param name="DaysWithoutSale">Whole days (in the branch's time zone) since the last sale, or since the first receipt if it never sold.</param>
/// <param name="LastSoldAt">The last sale, if there was one.</param>
/// <param name="ThresholdDays">The threshold that was passed (the product's policy, or its category's default).</param>
/// <param name="AgeingBracket">库龄 bracket of <paramref name="DaysWithoutSale"/>: <c>0-30</c>, <c>31-60</c>, <c>61-90</c> or <c>90+</c>.</param>
/// <param name="SellThrough">Units sold ÷ (units sold + on hand) since the branch first held the product, 0–1.</param>
/// <param name="OccurredAt">When the daily pass found it.</param>
[WireName("stationery.inventory.slow-mover-detected")]
public sealed record SlowMoverDetected(string TenantId, string BranchId, string Sku, string ProductName, string Spec, string Unit,
    int OnHand, int DaysWithoutSale, DateTimeOffset? LastSoldAt, int ThresholdDays, string AgeingBracket, decimal SellThrough,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
