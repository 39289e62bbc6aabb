using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>From Inventory's low-stock alert to a purchase order the supplier confirms and the branch receives.</summary>
public class FromAlertToDelivery(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    /// <summary>Inventory's alert opening as 低库存 at main, reorder point 5.</summary>
    private static StockAlertChanged Low(string chain, string sku, string name, string spec, string unit, int onHand, int suggested,
        DateTimeOffset at) =>
        new(chain, "main", sku, StockAlertState.Low, StockAlertState.Resolved, null, name, spec, unit, onHand, 0, 0, 5, suggested, null, 1, at);

    [Fact]
    public async Task Low_stock_puts_inventorys_suggestion_on_the_purchase_list_without_subtracting_on_order_again_rounded_to_packs()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色", packSize: 12);
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 12); // 12 on order for main: Inventory already counted it
        await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 100, branch: "east"); // another branch's order does not count

        // Max 44, on hand 4, on order 12 → Inventory suggests 44 − 16 = 28.
        await host.Integrator.Publish(Low(chain, "HL-Y", "晨光荧光笔", "黄色", "支", 4, 28, DateTimeOffset.UtcNow));

        var items = await Probe.Until(() => PurchasingHost.PurchaseListAsync(owner), i => i.GetArrayLength() == 1, what: "the alert's item on the list");
        items[0].GetProperty("sku").GetString().ShouldBe("HL-Y");
        items[0].GetProperty("quantity").GetInt32().ShouldBe(36); // 28 as given → 3 packs of 12 (not 28 − 12 = 16 → 24)
        items[0].GetProperty("source").GetString().ShouldBe("alert");
        var published = await Probe.Until(() => Task.FromResult(host.Integrator.Received<PurchaseListItemAdded>().Where(e => e.TenantId == chain).ToList()),
            e => e.Count == 1, what: "PurchaseListItemAdded on the bus");
        published[0].ShouldBe(published[0] with { BranchId = "main", Sku = "HL-Y", ProductName = "晨光荧光笔", Quantity = 36, Source = "alert" });
    }

    [Fact]
    public async Task An_alert_line_is_needed_by_the_alerts_lead_time_and_defaults_to_the_cheapest_supplier_that_delivers_by_then()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var slow = await PurchasingHost.RegisterSupplierAsync(owner, "慢而便宜的供应商", leadTimeDays: 10);
        var fast = await PurchasingHost.RegisterSupplierAsync(owner, "快而贵的供应商", leadTimeDays: 2);
        await PurchasingHost.QuoteAsync(owner, slow, "HL-Y", 1.00m);
        await PurchasingHost.QuoteAsync(owner, fast, "HL-Y", 1.20m);
        var at = DateTimeOffset.UtcNow;

        // The reorder point counts on 3 days: the 10-day supplier would come too late, though it is cheaper.
        await host.Integrator.Publish(Low(chain, "HL-Y", "晨光荧光笔", "黄色", "支", 4, 20, at) with { LeadTimeDays = 3 });

        var items = await Probe.Until(() => PurchasingHost.PurchaseListAsync(owner), i => i.GetArrayLength() == 1, what: "the alert's item on the list");
        items[0].GetProperty("neededBy").GetString().ShouldBe(DateOnly.FromDateTime(at.UtcDateTime).AddDays(3).ToString("yyyy-MM-dd"));
        items[0].GetProperty("supplierId").GetString().ShouldBe(fast);
        items[0].GetProperty("supplierChosen").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_low_stock_alert_delivered_twice_adds_one_item()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "NB-A5", "晨光笔记本", "A5", packSize: 10, unit: "本");
        var alert = Low(chain, "NB-A5", "晨光笔记本", "A5", "本", 2, 15, DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await host.Integrator.Publish(alert, messageId);
        await host.Integrator.Publish(alert, messageId);

        // Two consumers of the alert (adding, withdrawing), each given both deliveries.
        await Probe.Until(() => Task.FromResult(host.Consumed.Count(messageId) == 4), what: "both deliveries handled");
        var items = await PurchasingHost.PurchaseListAsync(owner);
        items.GetArrayLength().ShouldBe(1);
        items[0].GetProperty("quantity").GetInt32().ShouldBe(20);
    }

    [Fact]
    public async Task A_low_stock_alert_redelivered_after_it_was_resolved_does_not_come_back()
    {
        // The list keeps one open line per product, which would hide a duplicate; after the alert's line is withdrawn only
        // the MessageId check stands between a redelivery and a second line.
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "NB-A5", "晨光笔记本", "A5", packSize: 10, unit: "本");
        var alertId = NewId.NextGuid();
        var alert = Low(chain, "NB-A5", "晨光笔记本", "A5", "本", 2, 15, DateTimeOffset.UtcNow);
        await host.Integrator.Publish(alert, alertId);
        await Probe.Until(() => PurchasingHost.PurchaseListAsync(owner), i => i.GetArrayLength() == 1, what: "the alert's item");
        await host.Integrator.Publish(alert with
        {
            State = StockAlertState.Resolved, Previous = StockAlertState.Low, Resolution = StockAlertResolution.Restocked, OnHand = 30,
            SuggestedQuantity = null, Version = 2,
        });
        await Probe.Until(() => PurchasingHost.PurchaseListAsync(owner), i => i.GetArrayLength() == 0, what: "the item withdrawn");

        await host.Integrator.Publish(alert, alertId);

        await Probe.Until(() => Task.FromResult(host.Consumed.Count(alertId) == 4), what: "the redelivery handled");
        (await PurchasingHost.PurchaseListAsync(owner)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_chat_request_delivered_twice_adds_one_item()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色", packSize: 12);
        var request = new PurchaseRequestedFromChat(chain, "main", "HL-Y", 20, "owner", "msg-7", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await host.Integrator.Publish(request, messageId);
        await host.Integrator.Publish(request, messageId);

        await Probe.Until(() => Task.FromResult(host.Consumed.Count(messageId) == 2), what: "both deliveries handled");
        (await PurchasingHost.PurchaseListAsync(owner)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_chat_button_puts_the_requested_quantity_on_the_list_linked_to_its_message()
    {
        var chain = PurchasingHost.NewChain();
        using var clerk = host.Clerk(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色", packSize: 12);

        await host.Integrator.Publish(new PurchaseRequestedFromChat(chain, "main", "HL-Y", 20, "owner", "msg-42", DateTimeOffset.UtcNow));

        var items = await Probe.Until(() => PurchasingHost.PurchaseListAsync(clerk), i => i.GetArrayLength() == 1, what: "the chat request on the list");
        items[0].GetProperty("quantity").GetInt32().ShouldBe(20);
        items[0].GetProperty("source").GetString().ShouldBe("chat");
        items[0].GetProperty("chatMessageId").GetString().ShouldBe("msg-42");
        items[0].GetProperty("requestedBy").GetString().ShouldBe("owner");
    }

    [Fact]
    public async Task Supplier_confirms_100_branch_receives_50_then_50_and_every_step_is_published_and_on_the_timeline()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色", packSize: 12);
        var supplierId = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        using var supplier = host.SupplierGuest(chain, supplierId);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplierId, "HL-Y", 100)).GetProperty("id").GetString()!;

        (await supplier.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/confirm", new { lines = new[] { new { sku = "HL-Y", quantity = 100 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = await clerk.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 50 } } });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var partial = await first.Content.ReadFromJsonAsync<JsonElement>();
        partial.GetProperty("status").GetString().ShouldBe("partiallyReceived");
        partial.GetProperty("lines")[0].GetProperty("outstanding").GetInt32().ShouldBe(50);

        var received = await Probe.Until(() => Task.FromResult(host.Integrator.Received<GoodsReceived>().Where(e => e.PurchaseOrderId == id).ToList()),
            e => e.Count == 1, what: "GoodsReceived for the first delivery");
        received[0].TenantId.ShouldBe(chain);
        received[0].BranchId.ShouldBe("main");
        received[0].SupplierName.ShouldBe("晨光文具供应商");
        received[0].Lines.Single().ShouldBe(new ReceivedLine("HL-Y", "晨光荧光笔", "支", 50, 50, 100));
        var discrepancy = await Probe.Until(() => Task.FromResult(host.Integrator.Received<DeliveryDiscrepancyRaised>().Where(e => e.PurchaseOrderId == id).ToList()),
            e => e.Count == 1, what: "DeliveryDiscrepancyRaised for the short delivery");
        discrepancy[0].SupplierId.ShouldBe(supplierId);
        discrepancy[0].Lines.Single().ShouldBe(new DiscrepancyLine("HL-Y", "晨光荧光笔", "支", 100, 100, 50));

        var second = await clerk.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 50 } } });
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("received");

        await Probe.Until(() => Task.FromResult(host.Integrator.Received<GoodsReceived>().Count(e => e.PurchaseOrderId == id && e.OrderCompleted) == 1),
            what: "GoodsReceived completing the order");
        host.Integrator.Received<PurchaseOrderPlaced>().Single(e => e.PurchaseOrderId == id).Lines.Single()
            .ShouldBe(new PurchaseOrderLine("HL-Y", "晨光荧光笔", "黄色", "支", 100));
        host.Integrator.Received<PurchaseOrderConfirmed>().Single(e => e.PurchaseOrderId == id).QuantitiesChanged.ShouldBeFalse();
        host.Integrator.Received<DeliveryDiscrepancyRaised>().Count(e => e.PurchaseOrderId == id).ShouldBe(1, "the second delivery closed the gap");

        var order = await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString())
            .ShouldBe(["placed", "confirmed", "goods-received", "discrepancy", "goods-received"]);
        order.GetProperty("timeline")[3].GetProperty("text").GetString().ShouldBe("到货差异:晨光荧光笔 订购 100支 / 确认 100支 / 实收 50支");
    }

    [Fact]
    public async Task Placing_an_order_twice_with_the_same_idempotency_key_sends_the_supplier_one_order()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");

        async Task<string> Place()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/purchasing/branches/main/purchase-orders")
            {
                Content = JsonContent.Create(new { supplierId = supplier, lines = new[] { new { sku = "HL-Y", quantity = 48 } } }),
            };
            request.Headers.Add("Idempotency-Key", "tap-1");
            var response = await owner.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var first = await Place();
        var second = await Place();

        second.ShouldBe(first);
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/purchase-orders?branch=main")).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Ordering_from_the_purchase_list_places_one_order_per_supplier_and_clears_the_ordered_items()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色", packSize: 12);
        await host.RegisterProductAsync(chain, "FOLDER", "得力文件夹", "A4", unit: "个");
        await host.RegisterProductAsync(chain, "RULER", "直尺", "30cm", unit: "把");
        var chenguang = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var deli = await PurchasingHost.RegisterSupplierAsync(owner, "得力办公用品供应商");
        await PurchasingHost.QuoteAsync(owner, chenguang, "HL-Y", 1.20m);
        await PurchasingHost.QuoteAsync(owner, deli, "HL-Y", 1.35m);
        await PurchasingHost.QuoteAsync(owner, deli, "FOLDER", 2.80m);
        foreach (var (sku, quantity) in new[] { ("HL-Y", 24), ("FOLDER", 10), ("RULER", 5) })
            (await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-list", new { sku, quantity, note = "开学季" })).EnsureSuccessStatusCode();

        var response = await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders", new { fromPurchaseList = true });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var placed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var orders = placed.GetProperty("purchaseOrders").EnumerateArray().ToList();
        orders.Select(o => o.GetProperty("supplierId").GetString()).OrderBy(s => s).ShouldBe(new[] { chenguang, deli }.OrderBy(s => s));
        var highlighters = orders.Single(o => o.GetProperty("supplierId").GetString() == chenguang);
        highlighters.GetProperty("lines")[0].GetProperty("unitCost").GetDecimal().ShouldBe(1.20m);
        placed.GetProperty("leftOnList").GetArrayLength().ShouldBe(1);
        var left = await PurchasingHost.PurchaseListAsync(owner);
        left.EnumerateArray().Select(i => i.GetProperty("sku").GetString()).ShouldBe(["RULER"]);
    }
}
