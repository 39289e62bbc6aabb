using Stationery.Reporting.Catalogue;
using Stationery.Reporting.Sales;
using Stationery.Reporting.StockWatch;
using Stationery.Reporting.Stocktakes;

namespace Stationery.Reporting.Reports;

/// <summary>营业额, 销量, 单数 (tickets) and the average ticket of a period.</summary>
public sealed record SalesTotals(decimal Revenue, int Units, int Tickets, decimal AverageTicket)
{
    public static SalesTotals Of(IEnumerable<BranchDaySales> days)
    {
        var list = days.ToList();
        var revenue = list.Sum(d => d.Revenue);
        var tickets = list.Sum(d => d.Tickets);
        return new SalesTotals(revenue, list.Sum(d => d.Units), tickets, tickets == 0 ? 0m : Math.Round(revenue / tickets, 2));
    }
}

/// <summary>One best seller (热销).</summary>
public sealed record BestSeller(int Rank, string Sku, string Name, string Spec, string Unit, string Category, int Quantity, decimal Revenue);

/// <summary>
/// A category's sales in the period against the baseline (the previous seven days' average for a day, the previous week
/// for a week). <see cref="Change"/> is a fraction (−0.25 = down a quarter), null without a baseline; a category is
/// <see cref="Falling"/> when it is down by <see cref="SalesReport.FallingThreshold"/> or more.
/// </summary>
public sealed record CategorySales(string Category, decimal Revenue, int Units, decimal Baseline, decimal? Change, bool Falling);

/// <summary>A product to reorder (待补货): an open low-stock alert, or none left.</summary>
public sealed record ReorderItem(string Sku, string Name, string Spec, string Unit, int? OnHand, int? ReorderPoint, int? SuggestedQuantity,
    bool OutOfStock, DateTimeOffset? Since);

/// <summary>A slow mover (滞销) to discount or return; a <see cref="Discontinued"/> (停售) one is a candidate for return.</summary>
public sealed record SlowMover(string Sku, string Name, string Spec, string Unit, string Category, int? OnHand, int DaysWithoutSale,
    DateTimeOffset? LastSoldAt, string AgeingBracket, decimal SellThrough, DateTimeOffset Since, bool Discontinued);

/// <summary>
/// A stocktake (盘点) completed on the report's day: how much was counted, how far it was off, and its accuracy (1 − Σ|variance| ÷
/// Σ expected) in units and in value at retail price (零售价, which every reader of the report may see), and the adjustments booked.
/// </summary>
public sealed record StocktakeAccuracy(string StocktakeId, string Kind, int SkusCounted, int ExpectedUnits, int VarianceUnits,
    decimal AccuracyUnits, decimal ExpectedValue, decimal VarianceValue, decimal AccuracyValue, int Adjustments, string CompletedBy,
    DateTimeOffset CompletedAt)
{
    public static IReadOnlyList<StocktakeAccuracy> Of(IEnumerable<CompletedStocktake> completed) =>
        [.. completed.OrderBy(s => s.CompletedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new StocktakeAccuracy(s.Id, s.Kind, s.SkusCounted, s.ExpectedUnits, s.VarianceUnits, s.AccuracyUnits, s.ExpectedValue,
                s.VarianceValue, s.AccuracyValue, s.Adjustments, s.CompletedBy, s.CompletedAt))];
}

/// <summary>Revenue of one day (for charts and the weekly report).</summary>
public sealed record DaySales(DateOnly Date, decimal Revenue, int Units, int Tickets);

/// <summary>The parts every sales report shares, computed from the read models without I/O.</summary>
public static class SalesReport
{
    public const int TopCount = 10;

    /// <summary>Down a fifth or more against the baseline.</summary>
    public const decimal FallingThreshold = -0.2m;

    public static IReadOnlyList<BestSeller> BestSellers(IEnumerable<ProductDaySales> sales, Func<string, ProductCopy> product) =>
        sales.GroupBy(s => s.Sku)
            .Select(g => (Sku: g.Key, Quantity: g.Sum(s => s.Quantity), Revenue: g.Sum(s => s.Revenue)))
            .Where(x => x.Quantity > 0)
            .OrderByDescending(x => x.Quantity).ThenByDescending(x => x.Revenue).ThenBy(x => x.Sku, StringComparer.Ordinal)
            .Take(TopCount)
            .Select((x, i) => (x, p: product(x.Sku), rank: i + 1))
            .Select(t => new BestSeller(t.rank, t.x.Sku, t.p.Name, t.p.Spec, t.p.Unit, t.p.Category, t.x.Quantity, t.x.Revenue))
            .ToList();

    /// <summary>
    /// Each category sold in the period or in the baseline, by revenue. <paramref name="baselineDays"/> turns the baseline
    /// into a per-period average (7 for "previous seven days" against one day, 1 for "previous week" against a week).
    /// </summary>
    public static IReadOnlyList<CategorySales> Categories(IEnumerable<ProductDaySales> period, IEnumerable<ProductDaySales> baseline,
        int baselineDays, Func<string, ProductCopy> product)
    {
        var now = period.GroupBy(s => product(s.Sku).Category).ToDictionary(g => g.Key, g => (Revenue: g.Sum(s => s.Revenue), Units: g.Sum(s => s.Quantity)));
        var before = baseline.GroupBy(s => product(s.Sku).Category).ToDictionary(g => g.Key, g => g.Sum(s => s.Revenue));
        return now.Keys.Union(before.Keys)
            .Select(category =>
            {
                var (revenue, units) = now.GetValueOrDefault(category);
                var average = Math.Round(before.GetValueOrDefault(category) / baselineDays, 2);
                decimal? change = average > 0 ? Math.Round((revenue - average) / average, 4) : null;
                return new CategorySales(category, revenue, units, average, change, change <= FallingThreshold);
            })
            .OrderByDescending(c => c.Revenue).ThenByDescending(c => c.Baseline).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<ReorderItem> ToReorder(IEnumerable<StockWatchEntry> watch, Func<string, ProductCopy> product) =>
        watch.Where(w => w.NeedsReorder)
            .Select(w =>
            {
                var p = product(w.Sku);
                var low = w.LowOpen ? w.Low : null;
                return new ReorderItem(w.Sku, low?.Name ?? p.Name, low?.Spec ?? p.Spec, low?.Unit ?? p.Unit, w.OnHand, low?.ReorderPoint,
                    low?.SuggestedQuantity, w.OutOfStock, low?.Since ?? w.OnHandAt);
            })
            .OrderByDescending(r => r.OutOfStock).ThenBy(r => r.OnHand ?? 0).ThenBy(r => r.Sku, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<SlowMover> SlowMovers(IEnumerable<StockWatchEntry> watch, Func<string, ProductCopy> product) =>
        watch.Where(w => w.SlowOpen)
            .Select(w => (w, s: w.Slow!, p: product(w.Sku)))
            .Select(x => new SlowMover(x.w.Sku, x.s.Name, x.s.Spec, x.s.Unit, x.p.Category, x.w.OnHand, x.s.DaysWithoutSale, x.s.LastSoldAt,
                x.s.AgeingBracket, x.s.SellThrough, x.s.Since, x.p.Discontinued))
            .OrderByDescending(s => s.DaysWithoutSale).ThenBy(s => s.Sku, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/>, zero where nothing sold.</summary>
    public static IReadOnlyList<DaySales> Days(DateOnly from, DateOnly to, IEnumerable<BranchDaySales> days)
    {
        var byDay = days.ToDictionary(d => d.Day);
        var result = new List<DaySales>();
        for (var d = from; d <= to; d = d.AddDays(1))
            result.Add(byDay.TryGetValue(d, out var s) ? new DaySales(d, s.Revenue, s.Units, s.Tickets) : new DaySales(d, 0m, 0, 0));
        return result;
    }
}
