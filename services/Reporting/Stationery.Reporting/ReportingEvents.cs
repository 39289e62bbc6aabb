using JasperFx.Events;
using Stationery.Hosting.Messaging;
using Stationery.Reporting.Publishing;
using Stationery.Reporting.Reports;
using Contract = Stationery.Contracts.Reporting;

namespace Stationery.Reporting;

/// <summary>
/// Domain events of this service that become public contracts: the issued reports, each with its chart drawn here from
/// the days the report recorded (so the event store keeps figures, not pictures). Everything else stays inside.
/// </summary>
public sealed class ReportingEvents(RevenueChart chart) : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data switch
    {
        DailyReportIssued d => new Contract.DailyReportPublished(e.TenantId, d.Branch, d.BranchName, d.Date, d.Revenue, d.Units, d.Tickets,
            Top(d.TopItems), d.FallingCategories, d.ReorderCount, d.SlowMoverCount, d.ChartUrl, d.At)
        {
            ChartPng = d.Days is { Count: > 0 } days
                ? chart.Render(d.BranchName, d.Branch, $"{days[0].Date:M/d}–{d.Date:M/d}", days, highlightLast: true)
                : null,
            Stocktakes = d.Stocktakes is { Count: > 0 } stocktakes
                ? [.. stocktakes.Select(s => new Contract.ReportStocktake(s.StocktakeId, s.Kind, s.SkusCounted, s.VarianceUnits, s.AccuracyUnits,
                    s.AccuracyValue, s.Adjustments))]
                : null,
        },
        WeeklyReportIssued w => new Contract.WeeklyReportPublished(e.TenantId, w.Branch, w.BranchName, w.Week, w.From, w.To, w.Revenue, w.Units,
            w.Tickets, Top(w.TopItems), w.FallingCategories, w.ReorderCount, w.SlowMoverCount, w.ChartUrl, w.At)
        {
            ChartPng = w.Days is { Count: > 0 } days ? chart.Render(w.BranchName, w.Branch, w.Week, days, highlightLast: false) : null,
        },
        _ => null,
    };

    private static IReadOnlyList<Contract.ReportTopItem> Top(IEnumerable<IssuedTopItem> items) =>
        [.. items.Select(i => new Contract.ReportTopItem(i.Sku, i.Name, i.Quantity, i.Unit, i.Revenue))];
}
