using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>Cost data only for cost roles; a supplier sees only its own orders; bad input is a 400 naming the field.</summary>
public class CostsAndBoundaries(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    [Fact]
    public async Task A_clerk_gets_403_on_quotes_and_orders_and_lists_without_any_cost_field()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        using var manager = host.Manager(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        await PurchasingHost.QuoteAsync(owner, supplier, "HL-Y", 1.20m);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 50)).GetProperty("id").GetString()!;
        (await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-list", new { sku = "HL-Y", quantity = 10 })).EnsureSuccessStatusCode();

        (await clerk.GetAsync("api/purchasing/quotes?sku=HL-Y")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.GetAsync("api/purchasing/quotes?sku=HL-Y")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.PostAsJsonAsync($"api/purchasing/suppliers/{supplier}/quotes",
            new { sku = "HL-Y", unitCost = 0.9m, minOrderQty = 1, validUntil = "2099-01-01" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var clerkOrder = await clerk.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        clerkOrder.TryGetProperty("totalCost", out _).ShouldBeFalse();
        clerkOrder.GetProperty("lines")[0].TryGetProperty("unitCost", out _).ShouldBeFalse();
        clerkOrder.GetProperty("lines")[0].TryGetProperty("lineTotal", out _).ShouldBeFalse();
        clerkOrder.GetRawText().ShouldNotContain("1.2");
        var clerkList = await PurchasingHost.PurchaseListAsync(clerk);
        clerkList[0].TryGetProperty("unitCost", out _).ShouldBeFalse();
        clerkList[0].GetProperty("supplierName").GetString().ShouldBe("晨光文具供应商");

        var ownerOrder = await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        ownerOrder.GetProperty("lines")[0].GetProperty("unitCost").GetDecimal().ShouldBe(1.20m);
        ownerOrder.GetProperty("totalCost").GetDecimal().ShouldBe(60.00m);
        var quotes = await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=HL-Y");
        quotes.GetArrayLength().ShouldBe(1);
        quotes[0].GetProperty("cheapest").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_supplier_sees_and_confirms_only_its_own_orders_and_another_suppliers_look_missing()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var a = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var b = await PurchasingHost.RegisterSupplierAsync(owner, "得力办公用品供应商");
        await PurchasingHost.QuoteAsync(owner, a, "HL-Y", 1.20m);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, a, "HL-Y", 100)).GetProperty("id").GetString()!;
        using var supplierA = host.SupplierGuest(chain, a);
        using var supplierB = host.SupplierGuest(chain, b);

        (await supplierB.GetAsync($"api/purchasing/purchase-orders/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supplierB.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/confirm", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supplierB.GetFromJsonAsync<JsonElement>("api/purchasing/purchase-orders")).GetArrayLength().ShouldBe(0);
        (await supplierB.GetFromJsonAsync<JsonElement>("api/purchasing/quotes")).GetArrayLength().ShouldBe(0);
        (await supplierB.GetFromJsonAsync<JsonElement>("api/purchasing/suppliers")).EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()).ShouldBe([b]);

        var own = await supplierA.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        own.GetProperty("lines")[0].GetProperty("unitCost").GetDecimal().ShouldBe(1.20m, "a supplier sees its own price");
        (await supplierA.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 1 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var confirmed = await supplierA.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/confirm", new { lines = new[] { new { sku = "HL-Y", quantity = 80 } } });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines")[0].GetProperty("confirmed").GetInt32().ShouldBe(80);
    }

    [Fact]
    public async Task A_manager_of_one_branch_gets_a_full_first_page_of_its_own_orders_when_another_branch_ordered_more_since()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var manager = host.Manager(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        await PurchasingHost.QuoteAsync(owner, supplier, "HL-Y", 1.20m);
        var ours = new List<string>();
        for (var i = 1; i <= 3; i++)
            ours.Add((await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 10 * i)).GetProperty("id").GetString()!);
        for (var i = 1; i <= 6; i++) await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", i, branch: "east");

        var page = await manager.GetFromJsonAsync<JsonElement>("api/purchasing/purchase-orders?limit=3");

        page.EnumerateArray().Select(o => o.GetProperty("id").GetString()).ShouldBe(Enumerable.Reverse(ours));
        page.EnumerateArray().ShouldAllBe(o => o.GetProperty("branch").GetString() == "main");
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/purchase-orders?limit=3")).EnumerateArray()
            .ShouldAllBe(o => o.GetProperty("branch").GetString() == "east", "the owner of both branches sees the newest first");
        (await manager.GetAsync("api/purchasing/purchase-orders?limit=201")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_branchs_staff_and_another_chain_get_404_for_an_order()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 10)).GetProperty("id").GetString()!;
        using var eastClerk = host.Clerk(chain, "east");
        using var otherChain = host.Owner(PurchasingHost.NewChain());

        (await eastClerk.GetAsync($"api/purchasing/purchase-orders/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherChain.GetAsync($"api/purchasing/purchase-orders/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var refused = await eastClerk.GetAsync("api/purchasing/branches/main/purchase-list");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Its own problem type: the web app asks for a fresh token once (a branch granted since it was issued) before showing it.
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        problem.GetProperty("type").GetString().ShouldEndWith("/branch-reach");
        problem.GetProperty("detail").GetString().ShouldStartWith("需要权限 purchase-list：你没有门店 main 的权限");
    }

    [Fact]
    public async Task Receiving_a_cancelled_order_is_a_409_problem_and_publishes_nothing()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 10)).GetProperty("id").GetString()!;
        (await clerk.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/cancel", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/cancel", new { reason = "供应商缺货" })).EnsureSuccessStatusCode();

        var response = await clerk.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 10 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldEndWith("/purchase-order-cancelled");
        var cancelled = await Probe.Until(() => Task.FromResult(host.Integrator.Received<Contracts.Purchasing.PurchaseOrderCancelled>().Where(e => e.PurchaseOrderId == id).ToList()),
            e => e.Count == 1, what: "PurchaseOrderCancelled");
        cancelled[0].OutstandingLines.Single().Quantity.ShouldBe(10);
        var order = await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ShouldBe(["placed", "cancelled"]);
        host.Integrator.Received<Contracts.Purchasing.GoodsReceived>().ShouldNotContain(e => e.PurchaseOrderId == id);
    }

    [Theory]
    [InlineData("""{ "supplierId": "SUPPLIER", "lines": [ { "sku": "HL-Y", "quantity": -5 } ] }""", "lines[0].quantity")]
    [InlineData("""{ "supplierId": "SUPPLIER", "lines": [ { "sku": "HL-Y", "quantity": 5 }, { "sku": "NOPE", "quantity": 5 } ] }""", "lines[1].sku")]
    [InlineData("""{ "supplierId": "no-such-supplier", "lines": [ { "sku": "HL-Y", "quantity": 5 } ] }""", "supplierId")]
    [InlineData("""{ "supplierId": "SUPPLIER", "lines": [ { "sku": "HL-Y", "quantity": "lots" } ] }""", "lines[0].quantity")]
    [InlineData("""{ "supplierId": "SUPPLIER", "lines": [ { "sku": "HL-Y", """, "body")]
    public async Task Bad_purchase_orders_are_400_problems_naming_the_field(string body, string field)
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");

        var response = await owner.PostAsync("api/purchasing/branches/main/purchase-orders",
            new StringContent(body.Replace("SUPPLIER", supplier), Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (field == "body") problem.GetProperty("type").GetString().ShouldEndWith("/malformed-json");
        else problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field);
    }

    [Fact]
    public async Task Bad_list_items_quotes_and_suppliers_are_400_problems_naming_every_field()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");

        async Task<IEnumerable<string>> Fields(HttpResponseMessage r)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        }

        (await Fields(await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-list", new { sku = "HL-Y", quantity = -1 })))
            .ShouldBe(["quantity"]);
        (await Fields(await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-list", new { sku = "UNKNOWN", quantity = 5 })))
            .ShouldBe(["sku"]);
        (await Fields(await owner.PostAsJsonAsync($"api/purchasing/suppliers/{supplier}/quotes", new { sku = "", unitCost = -1m })))
            .ShouldBe(["sku", "unitCost", "validUntil"], ignoreOrder: true);
        (await Fields(await owner.PostAsJsonAsync("api/purchasing/suppliers", new { name = "", leadTimeDays = -2, categories = new[] { "" } })))
            .ShouldBe(["name", "leadTimeDays", "categories[0]"], ignoreOrder: true);
    }
}
