using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>Damaged units on a receipt, receipts beyond the tolerance, and what deliveries add to the comparison view.</summary>
public class ReceivingAndComparing(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    [Fact]
    public async Task Damaged_units_are_not_booked_are_on_the_timeline_and_the_discrepancy_and_a_damaged_count_above_the_delivery_is_400()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 100)).GetProperty("id").GetString()!;

        var bad = await clerk.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 5, damaged = 6 } } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["lines[0].damaged"]);

        var response = await clerk.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts",
            new { lines = new[] { new { sku = "HL-Y", quantity = 100, damaged = 4 } } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        order.GetProperty("status").GetString().ShouldBe("partiallyReceived");
        var line = order.GetProperty("lines")[0];
        (line.GetProperty("received").GetInt32(), line.GetProperty("damaged").GetInt32(), line.GetProperty("outstanding").GetInt32()).ShouldBe((96, 4, 4));
        var timeline = order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("text").GetString()).ToList();
        timeline.ShouldContain("小李 收货:晨光荧光笔 96支,破损 4支(累计 96/100)");
        timeline.ShouldContain("到货差异:晨光荧光笔 订购 100支 / 确认 未确认 / 实收 96支 / 破损 4支");

        var received = await Probe.Until(() => Task.FromResult(host.Integrator.Received<GoodsReceived>().Where(e => e.PurchaseOrderId == id).ToList()),
            e => e.Count == 1, what: "GoodsReceived");
        received[0].Lines.Single().ShouldBe(new ReceivedLine("HL-Y", "晨光荧光笔", "支", 96, 96, 100, 4));
        var discrepancy = await Probe.Until(() => Task.FromResult(host.Integrator.Received<DeliveryDiscrepancyRaised>().Where(e => e.PurchaseOrderId == id).ToList()),
            e => e.Count == 1, what: "DeliveryDiscrepancyRaised");
        discrepancy[0].Lines.Single().ShouldBe(new DiscrepancyLine("HL-Y", "晨光荧光笔", "支", 100, null, 96, 4));
    }

    [Fact]
    public async Task A_receipt_beyond_the_tolerance_is_a_409_problem_and_publishes_nothing()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 100)).GetProperty("id").GetString()!;

        var refused = await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 111 } } });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldEndWith("/over-delivery");
        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 110 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await Probe.Until(() => Task.FromResult(host.Integrator.Received<GoodsReceived>().Any(e => e.PurchaseOrderId == id)), what: "the accepted receipt");
        host.Integrator.Received<GoodsReceived>().Where(e => e.PurchaseOrderId == id).Select(e => e.Lines.Single().Quantity).ShouldBe([110]);
        var order = await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ShouldBe(["placed", "goods-received", "discrepancy"]);
    }

    [Fact]
    public async Task The_comparison_shows_the_last_price_paid_and_the_lead_time_measured_from_deliveries_to_cost_roles_only()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var chenguang = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商", leadTimeDays: 3);
        var deli = await PurchasingHost.RegisterSupplierAsync(owner, "得力办公用品供应商", leadTimeDays: 5);
        await PurchasingHost.QuoteAsync(owner, chenguang, "HL-Y", 1.20m);
        await PurchasingHost.QuoteAsync(owner, deli, "HL-Y", 1.10m);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, chenguang, "HL-Y", 10)).GetProperty("id").GetString()!;
        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 10 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await PurchasingHost.QuoteAsync(owner, chenguang, "HL-Y", 1.25m); // the price went up after the order

        var quotes = (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=HL-Y")).EnumerateArray().ToList();

        quotes.Select(q => q.GetProperty("supplierId").GetString()).ShouldBe([deli, chenguang]);
        var bought = quotes[1];
        bought.GetProperty("unitCost").GetDecimal().ShouldBe(1.25m);
        bought.GetProperty("lastPaidUnitCost").GetDecimal().ShouldBe(1.20m);
        bought.GetProperty("lastPaidPurchaseOrderId").GetString().ShouldBe(id);
        bought.GetProperty("deliveries").GetInt32().ShouldBe(1);
        bought.GetProperty("measuredLeadTimeDays").GetDouble().ShouldBe(0, "received right after it was placed");
        bought.GetProperty("leadTimeDays").GetInt32().ShouldBe(3);
        var never = quotes[0];
        never.TryGetProperty("lastPaidUnitCost", out _).ShouldBeFalse();
        never.TryGetProperty("measuredLeadTimeDays", out _).ShouldBeFalse();
        never.GetProperty("deliveries").GetInt32().ShouldBe(0);
        using var manager = host.Manager(chain);
        (await manager.GetAsync("api/purchasing/quotes?sku=HL-Y")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_suppliers_page_shows_the_lead_time_measured_from_its_deliveries_beside_the_declared_one_and_another_chains_supplier_is_404()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var chenguang = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商", leadTimeDays: 3);
        var deli = await PurchasingHost.RegisterSupplierAsync(owner, "得力办公用品供应商", leadTimeDays: 5);
        await PurchasingHost.QuoteAsync(owner, chenguang, "HL-Y", 1.20m);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, chenguang, "HL-Y", 10)).GetProperty("id").GetString()!;

        var before = await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/suppliers/{chenguang}");
        (before.GetProperty("leadTimeDays").GetInt32(), before.GetProperty("deliveries").GetInt32(), before.TryGetProperty("measuredLeadTimeDays", out _))
            .ShouldBe((3, 0, false), "an order placed but not received measures nothing");

        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 10 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        // A clerk reads suppliers too (no prices on this resource).
        using var clerk = host.Clerk(chain);
        var page = await clerk.GetFromJsonAsync<JsonElement>($"api/purchasing/suppliers/{chenguang}");
        (page.GetProperty("name").GetString(), page.GetProperty("leadTimeDays").GetInt32(), page.GetProperty("deliveries").GetInt32(),
            page.GetProperty("measuredLeadTimeDays").GetDouble()).ShouldBe(("晨光文具供应商", 3, 1, 0.0), "received right after it was placed");
        var listed = (await clerk.GetFromJsonAsync<JsonElement>("api/purchasing/suppliers")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => (s.GetProperty("deliveries").GetInt32(), s.TryGetProperty("measuredLeadTimeDays", out _)));
        (listed.Count, listed[chenguang], listed[deli]).ShouldBe((2, (1, true), (0, false)));

        (await host.Owner(PurchasingHost.NewChain()).GetAsync($"api/purchasing/suppliers/{chenguang}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.SupplierGuest(chain, deli).GetAsync($"api/purchasing/suppliers/{chenguang}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.SupplierGuest(chain, deli).GetFromJsonAsync<JsonElement>($"api/purchasing/suppliers/{deli}")).GetProperty("name").GetString()
            .ShouldBe("得力办公用品供应商");
    }
}
