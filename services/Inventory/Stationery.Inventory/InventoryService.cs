using JasperFx.Events.Projections;
using Marten;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Inventory.Alerts;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Catalogue.Changing;
using Stationery.Inventory.Catalogue.Importing;
using Stationery.Inventory.Catalogue.Registering;
using Stationery.Inventory.Catalogue.Searching;
using Stationery.Inventory.Demo;
using Stationery.Inventory.Integration;
using Stationery.Inventory.Stock.Adjusting;
using Stationery.Inventory.Stock.History;
using Stationery.Inventory.Stock.Levels;
using Stationery.Inventory.Stock.Opening;
using Stationery.Inventory.Stock.Receiving;
using Stationery.Inventory.Stock.Reordering;
using Stationery.Inventory.Stock.Returning;
using Stationery.Inventory.Stock.Selling;
using Stationery.Inventory.Stocktakes;
using Stationery.Inventory.Stocktakes.Counting;
using Stationery.Inventory.Stocktakes.Finishing;
using Stationery.Inventory.Stocktakes.Explaining;
using Stationery.Inventory.Stocktakes.Opening;
using Stationery.Inventory.Stocktakes.Planning;
using Stationery.Inventory.Transfers;
using Stationery.Inventory.Transfers.Dispatching;
using Stationery.Inventory.Transfers.Receiving;

namespace Stationery.Inventory;

/// <summary>Marker for the Inventory service (tests host it with <c>ServiceFactory&lt;InventoryService&gt;</c>).</summary>
public sealed class InventoryService;

public static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IIntegrationEventMap, Outgoing>();
        builder.Services.AddScoped<IBranchDirectory, InventoryBranchDirectory>();
        builder.Services.AddSingleton<DemoSeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeed>());
        builder.Services.AddSingleton<SlowMoverPass>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SlowMoverPass>());
        builder.Services.ConfigureMarten(opts =>
        {
            opts.Projections.Snapshot<Product>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<StockLevel>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<Transfer>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<CategoryPolicy>(SnapshotLifecycle.Inline);
            opts.Schema.For<Product>().Index(p => p.Barcode!);
            opts.Schema.For<StockLevel>().Index(l => l.Branch);
            opts.Schema.For<Branch>();
            opts.Schema.For<DailyPassDone>();
            opts.Schema.For<Stock.StockSnapshot>();
            opts.Schema.For<StocktakeSnapshot>();
            opts.Schema.For<StocktakeCategorySettings>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inventory").WithTags("Inventory").WithLostRacesRunAgain().WithRepeatedRequests();
        api.MapRegisterProduct();
        api.MapSearchProducts();
        api.MapChangeProduct();
        api.MapCategoryPolicy();
        api.MapImportProducts();
        api.MapStocktakeSettings();

        var branches = api.MapGroup("/branches");
        branches.MapReceiveStock();
        branches.MapRecordSale();
        branches.MapAdjustStock();
        branches.MapReturnToSupplier();
        branches.MapSetReorderPolicy();
        branches.MapPreviewReorderPolicy();
        branches.MapListStock();
        branches.MapGetStockHistory();
        branches.MapListAlerts();
        branches.MapDispatchTransfer();
        branches.MapReceiveTransfer();
        branches.MapListTransfers();
        branches.MapImportOpeningStock();
        branches.MapOpenStocktake();
        branches.MapReadStocktakes();
        branches.MapRecordCount();
        branches.MapFinishZone();
        branches.MapExplainVariance();
        branches.MapCompleteStocktake();
        return app;
    }
}
