namespace Stationery.Contracts.Reporting;

/// <summary>
/// 周报: a branch's sales report for one ISO week (Monday to Sunday in the branch's time zone), published once per branch
/// and week on Sunday evening. Sales figures only, as in <see cref="DailyReportPublished"/>.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="BranchName">The branch's display name, e.g. 总店.</param>
/// <param name="Week">The ISO week, e.g. <c>2025-W47</c>.</param>
/// <param name="From">Its Monday.</param>
/// <param name="To">Its Sunday.</param>
/// <param name="Revenue">营业额: sales in yuan.</param>
/// <param name="Units">销量: units sold.</param>
/// <param name="Tickets">Sales (receipts) recorded in the week.</param>
/// <param name="TopItems">热销: the best sellers by units, at most ten.</param>
/// <param name="FallingCategories">Categories whose sales fell by a fifth or more against the previous week.</param>
/// <param name="ReorderCount">待补货: products low or out of stock when the report was made.</param>
/// <param name="SlowMoverCount">滞销: products without a sale for longer than their threshold when the report was made.</param>
/// <param name="ChartUrl">Path of the report's chart (the week's sales per day) behind the gateway, e.g.
/// <c>/api/reporting/branches/main/weekly.png?week=2025-W47</c>.</param>
/// <param name="OccurredAt">When the report was made.</param>
[WireName("stationery.reporting.weekly-report-published")]
public sealed record WeeklyReportPublished(string TenantId, string BranchId, string BranchName, string Week, DateOnly From, DateOnly To,
    decimal Revenue, int Units, int Tickets, IReadOnlyList<ReportTopItem> TopItems, IReadOnlyList<string> FallingCategories,
    int ReorderCount, int SlowMoverCount, string ChartUrl, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>
    /// The chart itself as a PNG (revenue per day, no cost figure), so Chat can show it to every member of the channel the
    /// card goes to, clerks included, who may not read <see cref="ChartUrl"/>; absent from reports made before it travelled.
    /// </summary>
    public byte[]? ChartPng { get; init; }
}
