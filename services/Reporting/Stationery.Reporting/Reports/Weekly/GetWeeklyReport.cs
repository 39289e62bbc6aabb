using Stationery.Hosting.Security;
using Marten;
using Stationery.Hosting.Export;
using Stationery.Reporting.Branches;

namespace Stationery.Reporting.Reports.Weekly;

public static class GetWeeklyReport
{
    /// <summary>
    /// 周报 of an ISO week (<c>?week=2025-W47</c>, default this week at the branch) as JSON, as CSV of the week's sales by
    /// product (<c>weekly.csv</c>), as an Excel workbook of the whole report (<c>weekly.xlsx</c>) and as a PNG bar chart of its days (<c>weekly.png</c>).
    /// </summary>
    public static void MapGetWeeklyReport(this RouteGroupBuilder branches)
    {
        branches.MapGet("/{branch}/weekly", async (string branch, string? week, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (copy, iso) = await ResolveAsync(session, branch, week, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, iso.Previous.Monday, iso.Previous.Monday, iso.Sunday, ct);
            return TypedResults.Ok(WeeklyReport.Build(data, iso));
        }).RequirePermission("reports.branch").WithName("GetWeeklyReport");

        branches.MapGet("/{branch}/weekly.csv", async (string branch, string? week, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (copy, iso) = await ResolveAsync(session, branch, week, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, iso.Monday, iso.Monday, iso.Sunday, ct);
            return TypedResults.File(ReportCsv.Write(iso.ToString(), copy.Id, data.ProductsIn(iso.Monday, iso.Sunday), data.Product),
                ReportCsv.ContentType, $"{copy.Id}-{iso}.csv");
        }).RequirePermission("reports.branch").WithName("GetWeeklyReportCsv").Produces(200, contentType: "text/csv");

        branches.MapGet("/{branch}/weekly.xlsx", async (string branch, string? week, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (copy, iso) = await ResolveAsync(session, branch, week, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, iso.Previous.Monday, iso.Previous.Monday, iso.Sunday, ct);
            var r = WeeklyReport.Build(data, iso);
            return TypedResults.File(ReportXlsx.Write(iso.ToString(), copy.Id, data.ProductsIn(iso.Monday, iso.Sunday), data.Product, r.Days,
                    r.BestSellers, r.Categories, r.ToReorder, r.SlowMovers, copy.Zone),
                XlsxWorkbook.ContentType, $"{copy.Id}-{iso}.xlsx");
        }).RequirePermission("reports.branch").WithName("GetWeeklyReportXlsx").Produces(200, contentType: XlsxWorkbook.ContentType);

        branches.MapGet("/{branch}/weekly.png", async (string branch, string? week, HttpContext http, IQuerySession session, TimeProvider clock,
            RevenueChart chart, CancellationToken ct) =>
        {
            var (copy, iso) = await ResolveAsync(session, branch, week, clock, ct);
            var data = await ReportData.LoadAsync(session, copy, iso.Monday, iso.Sunday, iso.Sunday, ct);
            var days = SalesReport.Days(iso.Monday, iso.Sunday, data.DaysIn(iso.Monday, iso.Sunday));
            return TypedResults.File(chart.Render(copy.Name, copy.Id, iso.ToString(), days, highlightLast: false), RevenueChart.ContentType);
        }).RequirePermission("reports.branch").WithName("GetWeeklyReportChart").Produces(200, contentType: RevenueChart.ContentType);
    }

    private static async Task<(BranchCopy Branch, IsoWeek Week)> ResolveAsync(IQuerySession session, string branch,
        string? week, TimeProvider clock, CancellationToken ct)
    {
        var copy = await session.BranchAsync(branch, ct);
        return (copy, ReportPeriods.Week(week, copy, clock));
    }
}
