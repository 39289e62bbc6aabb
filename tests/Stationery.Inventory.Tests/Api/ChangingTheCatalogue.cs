using System.Text.Json;

namespace Stationery.Inventory.Tests.Api;

public sealed class ChangingTheCatalogue(InventoryHost host) : IClassFixture<InventoryHost>
{
    [Fact]
    public async Task A_renamed_product_shows_its_new_name_on_every_branchs_stock()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"CH-{Guid.NewGuid():N}"[..16], name: "晨光荧光笔", spec: "黄色");
        await (await owner.ReceiveAsync("main", "R-1", (sku, 5))).ShouldBe(200);
        await (await owner.ReceiveAsync("east", "R-1", (sku, 3))).ShouldBe(200);

        var changed = await owner.PutAsJsonAsync($"api/inventory/products/{sku}", new
        {
            name = "晨光速干荧光笔", spec = "柠檬黄", brand = "晨光", category = "笔类", unit = "支", retailPrice = 3m, packSize = 12,
        });
        await changed.ShouldBe(200);

        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().ShouldBe("晨光速干荧光笔");
        foreach (var branch in new[] { "main", "east" })
        {
            var row = (await owner.JsonAsync($"api/inventory/branches/{branch}/stock")).EnumerateArray()
                .Single(r => r.GetProperty("sku").GetString() == sku);
            row.GetProperty("name").GetString().ShouldBe("晨光速干荧光笔");
            row.GetProperty("spec").GetString().ShouldBe("柠檬黄");
        }
        await (await owner.PutAsJsonAsync("api/inventory/products/NO-SUCH", new
        {
            name = "x", category = "笔类", unit = "支", retailPrice = 1m, packSize = 1,
        })).ProblemAsync(404);
    }

    [Fact]
    public async Task A_discontinued_product_closes_its_alert_and_can_still_be_sold_off()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"DC-{Guid.NewGuid():N}"[..16]);
        await (await owner.PolicyAsync("main", sku, reorderPoint: 5)).ShouldBe(200);
        await (await owner.ReceiveAsync("main", "R-1", (sku, 4))).ShouldBe(200);
        (await owner.JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray()
            .ShouldContain(a => a.GetProperty("sku").GetString() == sku);

        var discontinued = await owner.PostAsJsonAsync($"api/inventory/products/{sku}/discontinue", new { reason = "厂家停产" });
        await discontinued.ShouldBe(200);

        (await discontinued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("discontinued").GetBoolean().ShouldBeTrue();
        (await owner.JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray()
            .ShouldNotContain(a => a.GetProperty("sku").GetString() == sku);
        await (await host.Clerk().SellAsync("main", "POS-1", (sku, 4))).ShouldBe(200);
        var row = (await owner.JsonAsync("api/inventory/branches/main/stock")).EnumerateArray()
            .Single(r => r.GetProperty("sku").GetString() == sku);
        row.GetProperty("status").GetString().ShouldBe("out");
        row.GetProperty("discontinued").GetBoolean().ShouldBeTrue();
        await (await host.Clerk().PostAsJsonAsync($"api/inventory/products/{sku}/discontinue", new { })).ProblemAsync(403);
    }
}
