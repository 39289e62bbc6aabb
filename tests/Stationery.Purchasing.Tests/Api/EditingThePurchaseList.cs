using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>The owner edits the purchase list: quantities rounded to the chosen supplier's packs, per-line suppliers, removal.</summary>
public class EditingThePurchaseList(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    private static async Task<string> AddAsync(HttpClient client, string sku, int quantity)
    {
        var response = await client.PostAsJsonAsync("api/purchasing/branches/main/purchase-list", new { sku, quantity });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("itemId").GetString()!;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string itemId, object body, string branch = "main") =>
        client.PatchAsJsonAsync($"api/purchasing/branches/{branch}/purchase-list/items/{itemId}", body);

    [Fact]
    public async Task The_owner_changes_a_quantity_and_a_supplier_and_the_list_orders_exactly_that()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色", packSize: 12);
        var cheap = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var other = await PurchasingHost.RegisterSupplierAsync(owner, "得力办公用品供应商");
        await PurchasingHost.QuoteAsync(owner, cheap, "HL-Y", 1.20m);
        await PurchasingHost.QuoteAsync(owner, other, "HL-Y", 1.50m, minOrderQty: 60);
        var itemId = await AddAsync(owner, "HL-Y", 10);

        var edited = await PatchAsync(owner, itemId, new { quantity = 30 });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = await edited.Content.ReadFromJsonAsync<JsonElement>();
        item.GetProperty("quantity").GetInt32().ShouldBe(36, "30 in the catalogue's packs of 12");
        item.GetProperty("requestedQuantity").GetInt32().ShouldBe(30);
        item.GetProperty("packSize").GetInt32().ShouldBe(12);
        item.GetProperty("supplierId").GetString().ShouldBe(cheap, "the default: the cheapest valid quote");
        item.GetProperty("supplierChosen").GetBoolean().ShouldBeFalse();

        var picked = await (await PatchAsync(owner, itemId, new { supplierId = other })).Content.ReadFromJsonAsync<JsonElement>();
        picked.GetProperty("supplierId").GetString().ShouldBe(other);
        picked.GetProperty("supplierName").GetString().ShouldBe("得力办公用品供应商");
        picked.GetProperty("supplierChosen").GetBoolean().ShouldBeTrue();
        picked.GetProperty("minOrderQty").GetInt32().ShouldBe(60);
        picked.GetProperty("quantity").GetInt32().ShouldBe(60, "the 30 asked for, raised to that supplier's minimum of 60");
        picked.GetProperty("unitCost").GetDecimal().ShouldBe(1.50m);

        var list = await PurchasingHost.PurchaseListAsync(owner);
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("quantity").GetInt32().ShouldBe(60);
        list[0].GetProperty("supplierId").GetString().ShouldBe(other);

        var placed = await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders", new { fromPurchaseList = true });
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purchaseOrders").EnumerateArray().Single();
        order.GetProperty("supplierId").GetString().ShouldBe(other);
        order.GetProperty("lines")[0].GetProperty("ordered").GetInt32().ShouldBe(60);
    }

    [Fact]
    public async Task A_suppliers_own_pack_size_given_with_its_quote_rounds_the_line_instead_of_the_catalogues()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "NB-A5", "晨光笔记本", "A5", packSize: 12, unit: "本");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "广博纸品供应商");
        var quoted = await owner.PostAsJsonAsync($"api/purchasing/suppliers/{supplier}/quotes",
            new { sku = "NB-A5", unitCost = 3.5m, minOrderQty = 1, validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), packSize = 20 });
        quoted.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await quoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("packSize").GetInt32().ShouldBe(20);
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=NB-A5"))[0].GetProperty("packSize").GetInt32().ShouldBe(20);
        var itemId = await AddAsync(owner, "NB-A5", 5);

        var item = await (await PatchAsync(owner, itemId, new { quantity = 25, supplierId = supplier })).Content.ReadFromJsonAsync<JsonElement>();

        item.GetProperty("quantity").GetInt32().ShouldBe(40, "25 in the supplier's packs of 20, not the catalogue's 12");
        item.GetProperty("packSize").GetInt32().ShouldBe(20);
        var bad = await owner.PostAsJsonAsync($"api/purchasing/suppliers/{supplier}/quotes",
            new { sku = "NB-A5", unitCost = 3.5m, validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), packSize = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["packSize"]);
    }

    [Fact]
    public async Task A_needed_by_day_makes_the_default_the_cheapest_supplier_that_delivers_in_time()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", packSize: 1);
        var slow = await PurchasingHost.RegisterSupplierAsync(owner, "慢而便宜", leadTimeDays: 10);
        var fast = await PurchasingHost.RegisterSupplierAsync(owner, "快而贵", leadTimeDays: 2);
        await PurchasingHost.QuoteAsync(owner, slow, "HL-Y", 1.00m);
        await PurchasingHost.QuoteAsync(owner, fast, "HL-Y", 1.40m, minOrderQty: 20);
        var itemId = await AddAsync(owner, "HL-Y", 10);
        (await PurchasingHost.PurchaseListAsync(owner))[0].GetProperty("supplierId").GetString().ShouldBe(slow);

        var neededBy = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3));
        var item = await (await PatchAsync(owner, itemId, new { neededBy })).Content.ReadFromJsonAsync<JsonElement>();

        item.GetProperty("supplierId").GetString().ShouldBe(fast);
        item.GetProperty("supplierChosen").GetBoolean().ShouldBeFalse();
        item.GetProperty("neededBy").GetString().ShouldBe(neededBy.ToString("yyyy-MM-dd"));
        item.GetProperty("quantity").GetInt32().ShouldBe(20, "rounded up to the fast supplier's minimum");
        var past = await PatchAsync(owner, itemId, new { neededBy = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)) });
        (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["neededBy"]);
    }

    [Fact]
    public async Task The_owner_removes_an_item_and_it_is_gone()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var manager = host.Manager(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var keep = await AddAsync(owner, "HL-Y", 5);
        var drop = await AddAsync(owner, "HL-Y", 7);

        (await manager.DeleteAsync($"api/purchasing/branches/main/purchase-list/items/{drop}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await PurchasingHost.PurchaseListAsync(owner)).EnumerateArray().Select(i => i.GetProperty("itemId").GetString()).ShouldBe([keep]);
        var again = await owner.DeleteAsync($"api/purchasing/branches/main/purchase-list/items/{drop}");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        again.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("""{ "quantity": 0 }""", "quantity")]
    [InlineData("""{ "quantity": -3 }""", "quantity")]
    [InlineData("""{ }""", "quantity")]
    [InlineData("""{ "supplierId": "no-such-supplier" }""", "supplierId")]
    [InlineData("""{ "quantity": "lots" }""", "quantity")]
    public async Task Bad_edits_are_400_problems_naming_the_field(string body, string field)
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var itemId = await AddAsync(owner, "HL-Y", 5);

        var response = await owner.PatchAsync($"api/purchasing/branches/main/purchase-list/items/{itemId}",
            new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field);
        (await PurchasingHost.PurchaseListAsync(owner))[0].GetProperty("quantity").GetInt32().ShouldBe(5, "nothing half-written");
    }

    [Fact]
    public async Task Clerks_and_supplier_guests_get_403_and_another_chain_or_an_unknown_item_404()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        using var guest = host.SupplierGuest(chain, supplier);
        using var otherChain = host.Owner(PurchasingHost.NewChain());
        var itemId = await AddAsync(owner, "HL-Y", 5);

        (await PatchAsync(clerk, itemId, new { quantity = 9 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.DeleteAsync($"api/purchasing/branches/main/purchase-list/items/{itemId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PatchAsync(guest, itemId, new { quantity = 9 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await guest.DeleteAsync($"api/purchasing/branches/main/purchase-list/items/{itemId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PatchAsync(otherChain, itemId, new { quantity = 9 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherChain.DeleteAsync($"api/purchasing/branches/main/purchase-list/items/{itemId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PatchAsync(owner, "item-nope", new { quantity = 9 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PatchAsync(owner, itemId, new { quantity = 9 }, branch: "east")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "it is main's item");

        var list = await PurchasingHost.PurchaseListAsync(owner);
        list[0].GetProperty("quantity").GetInt32().ShouldBe(5);
        list[0].TryGetProperty("requestedQuantity", out _).ShouldBeFalse();
    }
}
