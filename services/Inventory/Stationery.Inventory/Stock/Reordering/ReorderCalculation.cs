namespace Stationery.Inventory.Stock.Reordering;

/// <summary>
/// A reorder point and max level computed from a product's sales at a branch, with every figure behind them, so the
/// owner can check the arithmetic: reorder point = ⌈average × lead time⌉ + safety stock, safety stock = ⌈z × σ × √lead time⌉,
/// max level = reorder point + ⌈cover days × average⌉.
/// </summary>
/// <param name="AverageDailySales">Units per day over <paramref name="DaysUsed"/> in-stock days of the look-back window.</param>
/// <param name="StandardDeviation">Sample standard deviation of those days' sales (σ).</param>
/// <param name="DaysExcluded">Days of the window left out because the product was out of stock (or not yet held).</param>
/// <param name="SafetyFactor">z: 1.65 keeps about 95 % of lead times free of a stock-out.</param>
/// <param name="Day">The branch day it was computed on (sales up to the day before count).</param>
public sealed record ComputedPolicy(int ReorderPoint, int MaxLevel, double AverageDailySales, double StandardDeviation, int DaysUsed,
    int DaysExcluded, int LeadTimeDays, int SafetyStock, double SafetyFactor, int CoverDays, int LookBackDays, DateOnly Day);

/// <summary>The knobs of the computation, from the product's policy, its category's policy, or the defaults.</summary>
public sealed record ReorderSettings(int LeadTimeDays, int CoverDays, int LookBackDays, double SafetyFactor);

/// <summary>
/// One branch day of a product: units sold, and what was on hand when the day began. A day that began with nothing on the
/// shelf and sold nothing is an out-of-stock day: demand was there but could not be seen, so it is left out of the average.
/// </summary>
public sealed record DemandDay(DateOnly Day, int Sold, int OpeningOnHand)
{
    public bool InStock => OpeningOnHand > 0 || Sold > 0;
}

/// <summary>Pure functions from a stock stream's events to the computed policy.</summary>
public static class ReorderCalculation
{
    /// <summary>Fewer in-stock days than this in the window is too little history to compute from.</summary>
    public const int MinimumDays = 14;

    /// <summary>
    /// The days <paramref name="from"/>..<paramref name="to"/> (branch calendar) of one stock stream, from the first day the
    /// branch held the product. Sales count on the day they were made (<see cref="ItemsSold.SoldAt"/>), balances in stream order.
    /// </summary>
    public static IReadOnlyList<DemandDay> History(IEnumerable<object> events, TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
        DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var sold = new Dictionary<DateOnly, int>();
        var closing = new SortedDictionary<DateOnly, int>();
        DateOnly? firstHeld = null;
        foreach (var e in events)
        {
            (DateOnly Day, int OnHand)? balance = e switch
            {
                StockReceived r => (DayOf(r.At), r.OnHand),
                ItemsSold s => (DayOf(s.At), s.OnHand),
                StockAdjusted a => (DayOf(a.At), a.OnHand),
                StockReturned r => (DayOf(r.At), r.OnHand),
                StockTransferredOut t => (DayOf(t.At), t.OnHand),
                StockTransferredIn t => (DayOf(t.At), t.OnHand),
                _ => null,
            };
            if (balance is not { } b) continue;
            closing[b.Day] = b.OnHand;
            if (b.OnHand > 0 && firstHeld is null) firstHeld = b.Day;
            if (e is ItemsSold x) sold[DayOf(x.SoldAt)] = sold.GetValueOrDefault(DayOf(x.SoldAt)) + x.Quantity;
        }
        if (firstHeld is not { } held) return [];

        var days = new List<DemandDay>();
        var onHand = 0;
        using var balances = closing.GetEnumerator();
        var pending = balances.MoveNext();
        for (var day = held < from ? held : from; day <= to; day = day.AddDays(1))
        {
            var opening = onHand;
            while (pending && balances.Current.Key <= day)
            {
                onHand = balances.Current.Value;
                pending = balances.MoveNext();
            }
            if (day >= from && day >= held) days.Add(new DemandDay(day, sold.GetValueOrDefault(day), opening));
        }
        return days;
    }

    /// <summary>
    /// The policy for <paramref name="day"/> from the window's days, or null when there were fewer than <see cref="MinimumDays"/>
    /// in-stock days or no sale at all (nothing to base a reorder point on). Hand-checkable:
    /// 20 in-stock days selling 2,4,2,4,… → average 3, σ ≈ 1.026; lead time 4, z 1.65 → safety ⌈1.65 × 1.026 × 2⌉ = 4,
    /// reorder point 12 + 4 = 16, cover 14 days → max 16 + 42 = 58.
    /// </summary>
    public static ComputedPolicy? Compute(IReadOnlyList<DemandDay> window, ReorderSettings settings, DateOnly day)
    {
        var used = window.Where(d => d.InStock).Select(d => (double)d.Sold).ToList();
        if (used.Count < MinimumDays || used.Sum() == 0) return null;
        var average = used.Average();
        var sigma = Math.Sqrt(used.Sum(x => (x - average) * (x - average)) / (used.Count - 1));
        var lead = settings.LeadTimeDays;
        var safety = (int)Math.Ceiling(Round(settings.SafetyFactor * sigma * Math.Sqrt(lead)));
        var reorderPoint = (int)Math.Ceiling(Round(average * lead)) + safety;
        var maxLevel = reorderPoint + (int)Math.Ceiling(Round(settings.CoverDays * average));
        return new ComputedPolicy(reorderPoint, Math.Max(maxLevel, reorderPoint + 1), Math.Round(average, 3), Math.Round(sigma, 3),
            used.Count, window.Count - used.Count, lead, safety, settings.SafetyFactor, settings.CoverDays, settings.LookBackDays, day);
    }

    /// <summary>
    /// The policy for <paramref name="day"/> from one stock stream's events: the look-back window ends the day before. The
    /// daily pass and the policy preview both compute through here, so what the owner sees while typing is what alerts use.
    /// </summary>
    public static ComputedPolicy? ForDay(IEnumerable<object> events, TimeZoneInfo zone, ReorderSettings settings, DateOnly day) =>
        Compute(History(events, zone, day.AddDays(-settings.LookBackDays), day.AddDays(-1)), settings, day);

    /// <summary>Rounds away floating-point dust before a ceiling (3 × 4 must stay 12, not become 13).</summary>
    private static double Round(double x) => Math.Round(x, 6);
}
