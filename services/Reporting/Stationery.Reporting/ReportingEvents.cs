using JasperFx.Events;
using Stationery.Hosting.Messaging;
using Stationery.Reporting.Publishing;
using Contract = Stationery.Contracts.Reporting;

namespace Stationery.Reporting;

/// <summary>Domain events of this service that become public contracts: the issued reports. Everything else stays inside.</summary>
public sealed class ReportingEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data switch
    {
        DailyReportIssued d => new Contract.DailyReportPublished(e.TenantId, d.Branch, d.BranchName, d.Date, d.Revenue, d.Units, d.Tickets,
            Top(d.TopItems), d.FallingCategories, d.ReorderCount, d.SlowMoverCount, d.ChartUrl, d.At),
        WeeklyReportIssued w => new Contract.WeeklyReportPublished(e.TenantId, w.Branch, w.BranchName, w.Week, w.From, w.To, w.Revenue, w.Units,
            w.Tickets, Top(w.TopItems), w.FallingCategories, w.ReorderCount, w.SlowMoverCount, w.ChartUrl, w.At),
        _ => null,
    };

    private static IReadOnlyList<Contract.ReportTopItem> Top(IEnumerable<IssuedTopItem> items) =>
        [.. items.Select(i => new Contract.ReportTopItem(i.Sku, i.Name, i.Quantity, i.Unit, i.Revenue))];
}
