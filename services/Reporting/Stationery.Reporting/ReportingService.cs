using JasperFx.Events.Projections;
using Marten;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Reporting.Branches;
using Stationery.Reporting.Catalogue;
using Stationery.Reporting.Publishing;
using Stationery.Reporting.Reports;
using Stationery.Reporting.Reports.Chain;
using Stationery.Reporting.Reports.Daily;
using Stationery.Reporting.Reports.SlowMovers;
using Stationery.Reporting.Reports.Weekly;
using Stationery.Reporting.Sales;
using Stationery.Reporting.StockWatch;
using Stationery.Reporting.Stocktakes;

namespace Stationery.Reporting;

/// <summary>Marker for the Reporting service (tests host it with <c>ServiceFactory&lt;ReportingService&gt;</c>).</summary>
public sealed class ReportingService;

public static class ReportingModule
{
    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IIntegrationEventMap, ReportingEvents>();
        services.AddScoped<IBranchDirectory, ReportingBranchDirectory>();
        services.AddSingleton<RevenueChart>();
        services.AddSingleton<ReportPass>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportPass>());
        services.ConfigureMarten(opts =>
        {
            opts.Events.AddEventTypes([
                typeof(SaleRecorded), typeof(LowStockOpened), typeof(LowStockClosed), typeof(StockCounted), typeof(SlowMoverFound),
                typeof(DailyReportIssued), typeof(WeeklyReportIssued), typeof(StocktakeRecorded),
            ]);
            // Async: many consumers append sales at once, and the daemon folds them one batch at a time without lost updates.
            opts.Projections.Add(new ProductDaySalesProjection(), ProjectionLifecycle.Async);
            opts.Projections.Add(new BranchDaySalesProjection(), ProjectionLifecycle.Async);
            opts.Projections.Add(new StockWatchProjection(), ProjectionLifecycle.Async);
            opts.Projections.Add(new CompletedStocktakeProjection(), ProjectionLifecycle.Async);
            opts.Schema.For<ProductDaySales>().Index(d => d.Branch).Index(d => d.DayNumber);
            opts.Schema.For<BranchDaySales>().Index(d => d.DayNumber);
            opts.Schema.For<StockWatchEntry>().Index(w => w.Branch);
            opts.Schema.For<CompletedStocktake>().Index(s => s.Branch).Index(s => s.DayNumber);
            opts.Schema.For<BranchCopy>();
            opts.Schema.For<ProductCopy>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reporting").WithTags("Reporting").WithLostRacesRunAgain().WithRepeatedRequests();
        var branches = api.MapGroup("/branches");
        branches.MapGetDailyReport();
        branches.MapGetWeeklyReport();
        branches.MapListSlowMovers();
        api.MapGetChainSummary();
        return app;
    }
}
