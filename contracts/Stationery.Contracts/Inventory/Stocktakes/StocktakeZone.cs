namespace Stationery.Contracts.Inventory;

/// <summary>A stocktake's zone as announced: what it covers and who counts it.</summary>
/// <param name="ZoneId">The zone's id within the stocktake, e.g. <c>z1</c>.</param>
/// <param name="Name">What people call it, e.g. 文具区 or 笔记本区域.</param>
/// <param name="Covers">What it covers, in words, e.g. 类别：笔类 or 12 种商品.</param>
/// <param name="SkuCount">How many products it covers.</param>
/// <param name="Counters">The people assigned to count it.</param>
public sealed record StocktakeZone(string ZoneId, string Name, string Covers, int SkuCount, IReadOnlyList<StocktakeCounter> Counters);

/// <summary>A person assigned to count a zone.</summary>
/// <param name="UserId">Their user id (Chat @mentions them by it).</param>
/// <param name="Name">Their display name.</param>
public sealed record StocktakeCounter(string UserId, string Name);

/// <summary>
/// A product whose count differs from the books when its zone was finished. <paramref name="Expected"/> is the book figure
/// at the zone's snapshot moved by the sales, receipts and transfers booked since, so movement during the count is never a
/// variance.
/// </summary>
/// <param name="Sku">The product.</param>
/// <param name="Name">名称.</param>
/// <param name="Spec">规格型号.</param>
/// <param name="Unit">Counting unit, e.g. 本.</param>
/// <param name="Expected">What the books say should be there.</param>
/// <param name="Counted">What the counters found (summed over counters).</param>
/// <param name="NeedsRecount">The variance is over the category's threshold: it must be recounted or explained before completion.</param>
public sealed record StocktakeVariance(string Sku, string Name, string Spec, string Unit, int Expected, int Counted, bool NeedsRecount)
{
    /// <summary>counted − expected.</summary>
    public int Variance => Counted - Expected;
}

/// <summary>
/// Why a variance happened, chosen with a button in its chat thread or in the app: <c>unrecorded-sale</c> 销售漏记,
/// <c>delivery-not-booked</c> 进货未入库, <c>miscount</c> 数错 (asks for a recount), <c>damage</c> 损坏, <c>loss</c> 丢失/被盗,
/// <c>other</c> 其他.
/// </summary>
public static class StocktakeReasons
{
    public const string UnrecordedSale = "unrecorded-sale";
    public const string DeliveryNotBooked = "delivery-not-booked";
    public const string Miscount = "miscount";
    public const string Damage = "damage";
    public const string Loss = "loss";
    public const string Other = "other";

    /// <summary>Every reason, in the order the buttons show them.</summary>
    public static readonly IReadOnlyList<string> All = [UnrecordedSale, DeliveryNotBooked, Miscount, Damage, Loss, Other];
}
