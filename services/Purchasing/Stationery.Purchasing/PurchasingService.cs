using JasperFx.Events.Projections;
using Marten;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseLists;
using Stationery.Purchasing.PurchaseLists.Adding;
using Stationery.Purchasing.PurchaseLists.Editing;
using Stationery.Purchasing.PurchaseLists.Removing;
using Stationery.Purchasing.PurchaseLists.Viewing;
using Stationery.Purchasing.PurchaseOrders;
using Stationery.Purchasing.PurchaseOrders.Announcing;
using Stationery.Purchasing.PurchaseOrders.Cancelling;
using Stationery.Purchasing.PurchaseOrders.Confirming;
using Stationery.Purchasing.PurchaseOrders.Exporting;
using Stationery.Purchasing.PurchaseOrders.Placing;
using Stationery.Purchasing.PurchaseOrders.Receiving;
using Stationery.Purchasing.PurchaseOrders.Viewing;
using Stationery.Purchasing.Suppliers;
using Stationery.Purchasing.Suppliers.Listing;
using Stationery.Purchasing.Suppliers.Quoting;
using Stationery.Purchasing.Suppliers.Registering;
using Stationery.Purchasing.Suppliers.Seeding;

namespace Stationery.Purchasing;

/// <summary>Marker for the Purchasing service (tests host it with <c>ServiceFactory&lt;PurchasingService&gt;</c>).</summary>
public sealed class PurchasingService;

public static class PurchasingModule
{
    public static WebApplicationBuilder AddPurchasing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IIntegrationEventMap, PurchasingEvents>();
        builder.Services.ConfigureMarten(opts =>
        {
            // Inline snapshots: written in the same transaction as the events, so a read right after a write sees it.
            opts.Projections.Snapshot<Supplier>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<PurchaseList>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<PurchaseOrder>(SnapshotLifecycle.Inline);
            opts.Schema.For<PurchaseOrder>().Index(o => o.Branch).Index(o => o.SupplierId);
            opts.Schema.For<ProductCopy>();
        });
        if (builder.Configuration.GetValue<bool>("Seed:Demo"))
            builder.Services.AddHostedService<DemoSuppliers>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPurchasingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/purchasing").WithTags("Purchasing").WithLostRacesRunAgain().WithRepeatedRequests();
        api.MapRegisterSupplier()
            .MapListSuppliers()
            .MapRecordQuote()
            .MapCompareQuotes()
            .MapImportPriceList();

        api.MapGroup("/branches")
            .MapViewPurchaseList()
            .MapAddToPurchaseList()
            .MapEditPurchaseListItem()
            .MapRemovePurchaseListItem()
            .MapPlacePurchaseOrder();

        api.MapGroup("/purchase-orders")
            .MapViewPurchaseOrder()
            .MapExportTimeline()
            .MapAnnounceDelivery()
            .MapConfirmPurchaseOrder()
            .MapReceiveGoods()
            .MapCancelPurchaseOrder();
        return app;
    }
}
