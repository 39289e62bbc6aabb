using Stationery.Hosting.Security;
using Marten;
using Stationery.Hosting.Export;
using Stationery.Reporting.Branches;

namespace Stationery.Reporting.Reports.Daily;

public static class GetDailyReport
{
    /// <summary>
    /// 日报 of a branch day (<c>?date=yyyy-MM-dd</c>, default today at the branch) as JSON, as CSV of the day's sales by
    /// product (<c>daily.csv</c>), as an Excel workbook of the whole report (<c>daily.xlsx</c>) and as a PNG bar chart of the 14 days ending on it (<c>daily.png</c>).
    /// </summary>
    public static void MapGetDailyReport(this RouteGroupBuilder branches)
    {
        branches.MapGet("/{branch}/daily", async (string branch, string? date, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (copy, day) = await ResolveAsync(session, branch, date, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, DailyReport.ChartFrom(day), DailyReport.BaselineFrom(day), day, ct);
            return TypedResults.Ok(DailyReport.Build(data, day));
        }).RequirePermission("reports.branch").WithName("GetDailyReport");

        branches.MapGet("/{branch}/daily.csv", async (string branch, string? date, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (copy, day) = await ResolveAsync(session, branch, date, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, day, day, day, ct);
            return TypedResults.File(ReportCsv.Write($"{day:yyyy-MM-dd}", copy.Id, data.ProductsIn(day, day), data.Product),
                ReportCsv.ContentType, $"{copy.Id}-{day:yyyy-MM-dd}.csv");
        }).RequirePermission("reports.branch").WithName("GetDailyReportCsv").Produces(200, contentType: "text/csv");

        branches.MapGet("/{branch}/daily.xlsx", async (string branch, string? date, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (copy, day) = await ResolveAsync(session, branch, date, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, DailyReport.ChartFrom(day), DailyReport.BaselineFrom(day), day, ct);
            var r = DailyReport.Build(data, day);
            return TypedResults.File(ReportXlsx.Write($"{day:yyyy-MM-dd}", copy.Id, data.ProductsIn(day, day), data.Product, r.LastDays,
                    r.BestSellers, r.Categories, r.ToReorder, r.SlowMovers, copy.Zone),
                XlsxWorkbook.ContentType, $"{copy.Id}-{day:yyyy-MM-dd}.xlsx");
        }).RequirePermission("reports.branch").WithName("GetDailyReportXlsx").Produces(200, contentType: XlsxWorkbook.ContentType);

        branches.MapGet("/{branch}/daily.png", async (string branch, string? date, HttpContext http, IQuerySession session, TimeProvider clock,
            RevenueChart chart, CancellationToken ct) =>
        {
            var (copy, day) = await ResolveAsync(session, branch, date, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, DailyReport.ChartFrom(day), day, day, ct);
            var days = SalesReport.Days(DailyReport.ChartFrom(day), day, data.DaysIn(DailyReport.ChartFrom(day), day));
            return TypedResults.File(chart.Render(copy.Name, copy.Id, $"{DailyReport.ChartFrom(day):M/d}–{day:M/d}", days, highlightLast: true),
                RevenueChart.ContentType);
        }).RequirePermission("reports.branch").WithName("GetDailyReportChart").Produces(200, contentType: RevenueChart.ContentType);
    }

    private static async Task<(BranchCopy Branch, DateOnly Day)> ResolveAsync(IQuerySession session, string branch,
        string? date, TimeProvider clock, CancellationToken ct)
    {
        var copy = await session.BranchAsync(branch, ct);
        return (copy, ReportPeriods.Date(date, copy, clock));
    }
}
