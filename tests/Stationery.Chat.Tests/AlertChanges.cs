using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Tests;

/// <summary>Inventory's <see cref="StockAlertChanged"/> as the tests publish it: one change of one product's alert at a branch.</summary>
public static class AlertChanges
{
    public static StockAlertChanged Low(string branch, string sku, string name, string spec, string unit, int onHand, int reorderPoint,
        int suggested, DateTimeOffset at, long version = 1, string tenant = ChatFixture.Tenant) =>
        new(tenant, branch, sku, StockAlertState.Low, StockAlertState.Resolved, null, name, spec, unit, onHand, 0, 0, reorderPoint, suggested,
            null, version, at);

    /// <summary>A sell-out: without <paramref name="reorderPoint"/>, of a product without a policy.</summary>
    public static StockAlertChanged Out(string branch, string sku, string name, string spec, string unit, DateTimeOffset at, long version = 1,
        string previous = StockAlertState.Resolved, int? reorderPoint = null, int? suggested = null) =>
        new(ChatFixture.Tenant, branch, sku, StockAlertState.Out, previous, null, name, spec, unit, 0, 0, 0, reorderPoint, suggested, null,
            version, at);

    public static StockAlertChanged Resolved(string branch, string sku, string name, string spec, string unit, int onHand, int? reorderPoint,
        DateTimeOffset at, long version, string previous = StockAlertState.Low, string resolution = StockAlertResolution.Restocked,
        int onOrder = 0) =>
        new(ChatFixture.Tenant, branch, sku, StockAlertState.Resolved, previous, resolution, name, spec, unit, onHand, onOrder, 0, reorderPoint,
            null, null, version, at);
}
