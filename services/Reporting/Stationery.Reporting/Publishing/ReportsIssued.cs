using Stationery.Reporting.Reports;

namespace Stationery.Reporting.Publishing;

/// <summary>A best seller as the issued report records it.</summary>
public sealed record IssuedTopItem(string Sku, string Name, int Quantity, string Unit, decimal Revenue)
{
    public static IReadOnlyList<IssuedTopItem> From(IEnumerable<BestSeller> sellers) =>
        [.. sellers.Select(s => new IssuedTopItem(s.Sku, string.IsNullOrWhiteSpace(s.Spec) ? s.Name : $"{s.Name} {s.Spec}", s.Quantity, s.Unit, s.Revenue))];
}

/// <summary>
/// The evening pass issued a branch day's report: the only event of the stream <see cref="StreamId"/>, so starting the
/// stream twice (two replicas, a second tick) fails and the report goes out once. Published as <c>DailyReportPublished</c>,
/// with its chart drawn from <see cref="Days"/> (the 14 days ending on the report's; null in reports issued before) and the
/// day's <see cref="Stocktakes"/> (null in reports issued before).
/// </summary>
public sealed record DailyReportIssued(string Branch, string BranchName, DateOnly Date, decimal Revenue, int Units, int Tickets,
    IReadOnlyList<IssuedTopItem> TopItems, IReadOnlyList<string> FallingCategories, int ReorderCount, int SlowMoverCount, string ChartUrl,
    DateTimeOffset At, IReadOnlyList<DaySales>? Days = null, IReadOnlyList<StocktakeAccuracy>? Stocktakes = null)
{
    public static string StreamId(string branch, DateOnly date) => $"daily-report:{branch}:{date:yyyy-MM-dd}";

    public static DailyReportIssued Of(DailyReport r, DateTimeOffset at) => new(r.Branch, r.BranchName, r.Date, r.Totals.Revenue,
        r.Totals.Units, r.Totals.Tickets, IssuedTopItem.From(r.BestSellers), [.. r.Categories.Where(c => c.Falling).Select(c => c.Category)],
        r.ToReorder.Count, r.SlowMovers.Count, r.ChartUrl, at, r.LastDays, r.Stocktakes);
}

/// <summary>
/// The Sunday-evening pass issued a branch week's report (once: stream <see cref="StreamId"/>). Published as
/// <c>WeeklyReportPublished</c>, with its chart drawn from <see cref="Days"/> (Monday to Sunday; null in reports issued before).
/// </summary>
public sealed record WeeklyReportIssued(string Branch, string BranchName, string Week, DateOnly From, DateOnly To, decimal Revenue, int Units,
    int Tickets, IReadOnlyList<IssuedTopItem> TopItems, IReadOnlyList<string> FallingCategories, int ReorderCount, int SlowMoverCount,
    string ChartUrl, DateTimeOffset At, IReadOnlyList<DaySales>? Days = null)
{
    public static string StreamId(string branch, IsoWeek week) => $"weekly-report:{branch}:{week}";

    public static WeeklyReportIssued Of(WeeklyReport r, DateTimeOffset at) => new(r.Branch, r.BranchName, r.Week, r.From, r.To,
        r.Totals.Revenue, r.Totals.Units, r.Totals.Tickets, IssuedTopItem.From(r.BestSellers),
        [.. r.Categories.Where(c => c.Falling).Select(c => c.Category)], r.ToReorder.Count, r.SlowMovers.Count, r.ChartUrl, at, r.Days);
}
