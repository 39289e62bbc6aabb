namespace Stationery.Reporting.Reports;

/// <summary>
/// 日报: one branch day. Sales figures are the day's (in the branch's time zone); <see cref="ToReorder"/> and
/// <see cref="SlowMovers"/> are the branch's open lists when the report is made. <see cref="LastDays"/> is the chart's data:
/// the 14 days ending on the report's day. <see cref="Stocktakes"/> are the stocktakes (盘点) completed that day, with their accuracy.
/// </summary>
public sealed record DailyReport(string Branch, string BranchName, DateOnly Date, string TimeZone, SalesTotals Totals,
    IReadOnlyList<BestSeller> BestSellers, IReadOnlyList<CategorySales> Categories, IReadOnlyList<ReorderItem> ToReorder,
    IReadOnlyList<SlowMover> SlowMovers, IReadOnlyList<DaySales> LastDays, string ChartUrl, IReadOnlyList<StocktakeAccuracy> Stocktakes)
{
    public const int ChartDays = 14;
    public const int BaselineDays = 7;

    public static DateOnly ChartFrom(DateOnly date) => date.AddDays(1 - ChartDays);

    public static DateOnly BaselineFrom(DateOnly date) => date.AddDays(-BaselineDays);

    public static string ChartPath(string branch, DateOnly date) =>
        $"/api/reporting/branches/{Uri.EscapeDataString(branch)}/daily.png?date={date:yyyy-MM-dd}";

    public static DailyReport Build(ReportData data, DateOnly date)
    {
        var day = data.ProductsIn(date, date).ToList();
        var baseline = data.ProductsIn(BaselineFrom(date), date.AddDays(-1));
        return new DailyReport(data.Branch.Id, data.Branch.Name, date, data.Branch.TimeZone, SalesTotals.Of(data.DaysIn(date, date)),
            SalesReport.BestSellers(day, data.Product), SalesReport.Categories(day, baseline, BaselineDays, data.Product),
            SalesReport.ToReorder(data.Watch, data.Product), SalesReport.SlowMovers(data.Watch, data.Product),
            SalesReport.Days(ChartFrom(date), date, data.DaysIn(ChartFrom(date), date)), ChartPath(data.Branch.Id, date),
            StocktakeAccuracy.Of(data.StocktakesOn(date)));
    }
}
