namespace Stationery.Inventory.Tests.Api;

/// <summary>Chains never see each other: another chain's branch, stock or product answers 404, never the object.</summary>
public sealed class TenantIsolation(InventoryHost host) : IClassFixture<InventoryHost>
{
    [Fact]
    public async Task A_chain_cannot_read_another_chains_stock()
    {
        var sku = await host.Owner("demo").RegisterAsync($"TI-{Guid.NewGuid():N}"[..16]);
        await (await host.Owner("demo").ReceiveAsync("east", "R-1", (sku, 9))).ShouldBe(200);

        // rival has no branch east: its owner, even with east in the token, and its hq get 404.
        var rivalOwner = host.As("rival", "owner", ["owner"], ["main", "east"]);
        await (await rivalOwner.GetAsync("api/inventory/branches/east/stock")).ProblemAsync(404);
        await (await rivalOwner.GetAsync($"api/inventory/branches/east/stock/{sku}")).ProblemAsync(404);
        await (await host.Hq("rival").GetAsync("api/inventory/branches/east/alerts")).ProblemAsync(404);
        // rival has a branch main, but demo's product does not exist in rival's catalogue.
        await (await rivalOwner.GetAsync($"api/inventory/branches/main/stock/{sku}")).ProblemAsync(404);
        (await rivalOwner.JsonAsync("api/inventory/products?search=" + Uri.EscapeDataString("荧光"))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Two_chains_may_use_the_same_sku_and_keep_their_own_stock()
    {
        var sku = $"SAME-{Guid.NewGuid():N}"[..16];
        await host.Owner("demo").RegisterAsync(sku);
        await host.Owner("rival").RegisterAsync(sku, name: "对手荧光笔");
        await (await host.Owner("demo").ReceiveAsync("main", "R-1", (sku, 7))).ShouldBe(200);
        await (await host.Owner("rival").ReceiveAsync("main", "R-1", (sku, 2))).ShouldBe(200);

        var demo = await host.Owner("demo").JsonAsync($"api/inventory/branches/main/stock/{sku}");
        var rival = await host.Owner("rival").JsonAsync($"api/inventory/branches/main/stock/{sku}");

        demo.GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(7);
        demo.GetProperty("stock").GetProperty("name").GetString().ShouldBe("晨光荧光笔");
        rival.GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(2);
        rival.GetProperty("stock").GetProperty("name").GetString().ShouldBe("对手荧光笔");
        rival.GetProperty("ledger").GetArrayLength().ShouldBe(1);
    }
}
