namespace Stationery.Contracts.Reporting;

/// <summary>
/// 日报: a branch's sales report for one of its calendar days, published once per branch and day by the evening pass.
/// Sales figures only: the platform's events carry no purchase costs, so there is no margin in a report.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="BranchName">The branch's display name, e.g. 总店.</param>
/// <param name="Date">The day, in the branch's own time zone.</param>
/// <param name="Revenue">营业额: sales in yuan.</param>
/// <param name="Units">销量: units sold.</param>
/// <param name="Tickets">Sales (receipts) recorded that day.</param>
/// <param name="TopItems">热销: the best sellers by units, at most ten.</param>
/// <param name="FallingCategories">Categories whose sales fell by a fifth or more against the previous seven days' average.</param>
/// <param name="ReorderCount">待补货: products low or out of stock when the report was made.</param>
/// <param name="SlowMoverCount">滞销: products without a sale for longer than their threshold when the report was made.</param>
/// <param name="ChartUrl">Path of the report's chart (bar chart of the last 14 days' sales) behind the gateway, e.g.
/// <c>/api/reporting/branches/main/daily.png?date=2025-11-25</c>; the full report is at the same path without <c>.png</c>.</param>
/// <param name="OccurredAt">When the report was made.</param>
[WireName("stationery.reporting.daily-report-published")]
public sealed record DailyReportPublished(string TenantId, string BranchId, string BranchName, DateOnly Date, decimal Revenue, int Units,
    int Tickets, IReadOnlyList<ReportTopItem> TopItems, IReadOnlyList<string> FallingCategories, int ReorderCount, int SlowMoverCount,
    string ChartUrl, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>
    /// The chart itself as a PNG (revenue per day, no cost figure), so Chat can show it to every member of the channel the
    /// card goes to, clerks included, who may not read <see cref="ChartUrl"/>; absent from reports made before it travelled.
    /// </summary>
    public byte[]? ChartPng { get; init; }

    /// <summary>盘点: the stocktakes completed at the branch that day, with their accuracy; absent from reports made before they travelled.</summary>
    public IReadOnlyList<ReportStocktake>? Stocktakes { get; init; }
}
