using System.Text.Json;
using Marten;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Demo;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Tests.Api;

public sealed class DemoInventory(InventoryHost host) : IClassFixture<InventoryHost>
{
    [Fact]
    public async Task The_demo_history_seeds_once_shows_true_alerts_and_rebuilds_to_the_live_state()
    {
        var seed = host.Service.Service<DemoSeed>();
        (await seed.SeedAsync("demo", CancellationToken.None)).ShouldBeTrue();
        (await seed.SeedAsync("demo", CancellationToken.None)).ShouldBeFalse();

        var owner = host.Owner();
        var firstPage = await owner.JsonAsync("api/inventory/branches/main/stock?limit=200");
        var lastSku = firstPage.EnumerateArray().Last().GetProperty("sku").GetString();
        var secondPage = await owner.JsonAsync($"api/inventory/branches/main/stock?after={lastSku}");
        (firstPage.GetArrayLength() + secondPage.GetArrayLength()).ShouldBe(DemoHistory.Build(DateTimeOffset.UtcNow).Products.Count);
        var alerts = await owner.JsonAsync("api/inventory/branches/main/alerts");
        alerts.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var alert in alerts.EnumerateArray())
        {
            var onHand = alert.GetProperty("onHand").GetInt32();
            onHand.ShouldBeLessThanOrEqualTo(alert.GetProperty("reorderPoint").GetInt32());
        }
        (await owner.JsonAsync("api/inventory/products?search=" + Uri.EscapeDataString("荧光笔"))).GetArrayLength().ShouldBeGreaterThanOrEqualTo(10);

        // 120 days of history: the latest five ledger lines, their balances still counted from the first receipt.
        var history = await owner.JsonAsync("api/inventory/branches/main/stock/MG-K35-01?limit=5");
        var ledger = history.GetProperty("ledger").EnumerateArray().ToList();
        ledger.Count.ShouldBe(5);
        ledger[0].GetProperty("version").GetInt64().ShouldBeGreaterThan(50);
        ledger.Last(e => e.GetProperty("quantity").GetInt32() != 0).GetProperty("balance").GetInt32()
            .ShouldBe(history.GetProperty("stock").GetProperty("onHand").GetInt32());

        var store = host.Service.Service<IDocumentStore>();
        // Each seeded stream starts with its snapshot, so the first sale does not fold the history.
        await using (var query = store.QuerySession("demo"))
        {
            var id = StockItem.StreamId("main", "MG-K35-01");
            var snapshot = (await query.LoadAsync<StockSnapshot>(id)).ShouldNotBeNull();
            (snapshot.Version, snapshot.State.OnHand).ShouldBe(((await query.Events.FetchStreamStateAsync(id))!.Version,
                history.GetProperty("stock").GetProperty("onHand").GetInt32()));
        }
        var live = await SnapshotAsync(store);
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<StockLevel>(TimeSpan.FromMinutes(2), CancellationToken.None);
            await daemon.RebuildProjectionAsync<Product>(TimeSpan.FromMinutes(2), CancellationToken.None);
        }
        (await SnapshotAsync(store)).ShouldBe(live);
    }

    private static async Task<string> SnapshotAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession("demo");
        var levels = (await session.Query<StockLevel>().ToListAsync()).OrderBy(l => l.Id, StringComparer.Ordinal);
        var products = (await session.Query<Product>().ToListAsync()).OrderBy(p => p.Id, StringComparer.Ordinal);
        return JsonSerializer.Serialize(new { levels, products });
    }
}
