namespace Stationery.Inventory.Stock.Levels;

/// <summary>The reorder point alerts use and the max level suggestions fill up to; <paramref name="Source"/>: explicit, computed or none.</summary>
public sealed record EffectivePolicy(int? ReorderPoint, int? MaxLevel, string Source);

/// <summary>Units sold on one (UTC) day; the level keeps the last weeks for days of cover.</summary>
public sealed record DailySales(DateOnly Day, int Quantity);

/// <summary>
/// 库存水平: the read model of one product at one branch (inline projection of its stock stream, committed with the
/// change, so a read right after a write sees it).
/// </summary>
public sealed record StockLevel(string Id, string Branch, string Sku, string Name, string Spec, string Unit, string Category,
    int OnHand, int OnOrder, int InTransit, ReorderPolicy Policy, bool AlertOpen, int? SuggestedQuantity, DateTimeOffset? AlertSince,
    DateTimeOffset OpenedAt, DateTimeOffset? LastSoldAt, IReadOnlyList<DailySales> RecentSales)
{
    /// <summary>Days of sales history kept for the average behind days of cover.</summary>
    public const int CoverWindowDays = 28;

    /// <summary>out: nothing on hand · low: an open low-stock alert · slow: a slow mover · ok: everything else.</summary>
    public string Status => OnHand <= 0 ? "out" : AlertOpen ? "low" : SlowMover ? "slow" : "ok";

    /// <summary>Found by the daily pass; the next sale clears it.</summary>
    public bool SlowMover { get; init; }

    public SlowMoverDetected? SlowMoverFinding { get; init; }

    public StockLevel Apply(SlowMoverDetected e) => this with { SlowMover = true, SlowMoverFinding = e };

    /// <summary>停售: sold off, not reordered.</summary>
    public bool Discontinued { get; init; }

    public StockLevel Apply(StockDiscontinued e) => this with { Discontinued = true };

    public static StockLevel Create(StockItemOpened e) =>
        new(StockItem.StreamId(e.Branch, e.Sku), e.Branch, e.Sku, e.Name, e.Spec, e.Unit, e.Category, 0, 0, 0, ReorderPolicy.None,
            false, null, null, e.At, null, []);

    public StockLevel Apply(StockReceived e) => this with { OnHand = e.OnHand };

    public StockLevel Apply(StockAdjusted e) => this with { OnHand = e.OnHand };

    public StockLevel Apply(StockReturned e) => this with { OnHand = e.OnHand };

    public StockLevel Apply(ReorderPolicySet e) => this with { Policy = e.Policy };

    /// <summary>The reorder policy the daily pass computed from sales (used while no explicit reorder point is set).</summary>
    public Reordering.ComputedPolicy? Computed { get; init; }

    public StockLevel Apply(ReorderPolicyComputed e) => this with { Computed = e.Computed };

    /// <summary>The reorder point and max level in force, and where they come from: explicit, computed, or none.</summary>
    public EffectivePolicy Effective => Policy.ReorderPoint is { } point
        ? new(point, Policy.MaxLevel, "explicit")
        : Computed is { } c ? new(c.ReorderPoint, Policy.MaxLevel ?? c.MaxLevel, "computed") : new(null, Policy.MaxLevel, "none");

    public StockLevel Apply(StockProductChanged e) => this with { Name = e.Name, Spec = e.Spec, Unit = e.Unit, Category = e.Category };

    public StockLevel Apply(OnOrderChanged e) => this with { OnOrder = e.OnOrder };

    public StockLevel Apply(StockTransferredOut e) => this with { OnHand = e.OnHand };

    public StockLevel Apply(TransferInbound e) => this with { InTransit = e.InTransit };

    public StockLevel Apply(StockTransferredIn e) => this with { OnHand = e.OnHand, InTransit = e.InTransit };

    public StockLevel Apply(LowStockDetected e) =>
        this with { AlertOpen = true, SuggestedQuantity = e.SuggestedQuantity, AlertSince = e.At };

    public StockLevel Apply(LowStockResolved e) => this with { AlertOpen = false, SuggestedQuantity = null, AlertSince = null };

    public StockLevel Apply(ItemsSold e)
    {
        var day = DateOnly.FromDateTime(e.SoldAt.UtcDateTime);
        var latest = RecentSales.Count == 0 || RecentSales[^1].Day < day ? day : RecentSales[^1].Day;
        var sales = RecentSales.Where(s => s.Day != day).Append(new DailySales(day, Quantity(day) + e.Quantity))
            .Where(s => s.Day > latest.AddDays(-CoverWindowDays - 7))
            .OrderBy(s => s.Day)
            .ToList();
        return this with
        {
            OnHand = e.OnHand,
            LastSoldAt = LastSoldAt is { } last && last > e.SoldAt ? last : e.SoldAt,
            RecentSales = sales,
            SlowMover = false,
            SlowMoverFinding = null,
        };
    }

    private int Quantity(DateOnly day) => RecentSales.FirstOrDefault(s => s.Day == day)?.Quantity ?? 0;

    /// <summary>
    /// Average units sold per day over the last <see cref="CoverWindowDays"/> days before <paramref name="now"/> (or since
    /// the branch first held the product, if that is more recent). Null without sales in the window.
    /// </summary>
    public double? AverageDailySales(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = today.AddDays(-CoverWindowDays + 1);
        var sold = RecentSales.Where(s => s.Day >= from && s.Day <= today).Sum(s => s.Quantity);
        if (sold == 0) return null;
        var opened = DateOnly.FromDateTime(OpenedAt.UtcDateTime);
        var days = Math.Clamp(today.DayNumber - Math.Max(opened.DayNumber, from.DayNumber) + 1, 1, CoverWindowDays);
        return (double)sold / days;
    }

    /// <summary>可售天数: on hand ÷ average daily sales, one decimal; 0 when out; null when nothing sold lately.</summary>
    public double? DaysOfCover(DateTimeOffset now) =>
        OnHand <= 0 ? 0 : AverageDailySales(now) is { } perDay ? Math.Round(OnHand / perDay, 1) : null;
}
