using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stationery.Testing;

namespace Stationery.EndToEnd.Tests;

/// <summary>
/// Issue 6's journey: low stock → the item on the purchase list with Inventory's suggestion (stock already on order counted)
/// → a purchase order from the list → its card in the supplier's channel → the supplier, logged in as its guest, confirms
/// 100 on the card → the owner receives 50 → stock +50, the order partially received, a discrepancy card in the supplier's
/// channel that the supplier answers with 补发 → the second 50 closes the order. Every service a real process, every call
/// through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PurchaseOrderTravelsEndToEnd(PlatformProcesses platform)
{
    private const string Chenguang = "demo-supplier-chenguang";
    private const string SupplierChannel = "supplier-" + Chenguang;
    private static readonly TimeSpan Wait = Probe.CrossService;

    [Fact]
    public async Task From_low_stock_to_an_order_the_supplier_confirms_in_chat_and_two_deliveries_that_close_it()
    {
        using var owner = await GatewayClient.LoginAsync(platform.Gateway, "owner");
        using var supplier = await GatewayClient.LoginAsync(platform.Gateway, "supplier");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var sku = $"E2E-PO-{suffix}";
        var name = $"采购荧光笔{suffix}";
        (await owner.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name, spec = "黄色", brand = "晨光", category = "笔类", unit = "支", barcode = (string?)null, retailPrice = 3.5m, packSize = 10,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Probe.Until(async () => (await owner.Http.PutAsJsonAsync($"api/inventory/branches/main/products/{sku}/policy",
            new { reorderPoint = 20, maxLevel = 120 })).IsSuccessStatusCode, Wait, "policy on branch main");
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts",
            new { reference = $"E2E-PO-R-{suffix}", lines = new[] { new { sku, quantity = 30 } } })).EnsureSuccessStatusCode();

        // Purchasing learns the product from Inventory's ProductRegistered: until then a quote names an unknown sku.
        await Probe.Until(async () => (await owner.Http.PostAsJsonAsync($"api/purchasing/suppliers/{Chenguang}/quotes",
            new { sku, unitCost = 1.20m, minOrderQty = 50, validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)) })).StatusCode,
            s => s == HttpStatusCode.Created, Wait, "the quote (Purchasing's copy of the product)");

        // 10 already on order: Inventory counts them into projected stock.
        var earlier = await owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId = Chenguang, lines = new[] { new { sku, quantity = 10 } } });
        earlier.StatusCode.ShouldBe(HttpStatusCode.Created);
        var earlierId = (await earlier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Probe.Until(() => StockAsync(owner, sku), s => s.GetProperty("onOrder").GetInt32() == 10, Wait, "10 on order in Inventory");

        // Sell 20: on hand 10, projected 10 + 10 = 20 ≤ 20 → alert; suggestion 120 − 20 = 100 (110 if on-order were ignored).
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
        {
            reference = $"E2E-PO-S-{suffix}", soldAt = DateTimeOffset.UtcNow, lines = new[] { new { sku, quantity = 20, unitPrice = 3.5m } },
        })).EnsureSuccessStatusCode();

        var item = await Probe.Until(async () => ListItems(await owner.GetJsonAsync("api/purchasing/branches/main/purchase-list"))
            .FirstOrDefault(i => i.GetProperty("sku").GetString() == sku), i => i.ValueKind == JsonValueKind.Object, Wait,
            "the alert's item on main's purchase list");
        item.GetProperty("quantity").GetInt32().ShouldBe(100);
        item.GetProperty("source").GetString().ShouldBe("alert");
        item.GetProperty("supplierId").GetString().ShouldBe(Chenguang);

        // Tap: order the ticked item from the list.
        var placed = await owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { fromPurchaseList = true, itemIds = new[] { item.GetProperty("itemId").GetString() } });
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purchaseOrders").EnumerateArray().Single();
        var orderId = order.GetProperty("id").GetString()!;
        order.GetProperty("supplierId").GetString().ShouldBe(Chenguang);
        order.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("ordered").GetInt32()))
            .ShouldBe([(sku, 100)]);
        ListItems(await owner.GetJsonAsync("api/purchasing/branches/main/purchase-list"))
            .ShouldNotContain(i => i.GetProperty("sku").GetString() == sku);

        // The card in the supplier's channel, pressed by the supplier's guest.
        var card = await Probe.Until(() => CardAsync(supplier, "purchase-order", orderId), c => c is not null, Wait, "the order's card for the supplier");
        card!.Value.GetProperty("card").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("value").GetString())
            .ShouldContain("100 支");
        card.Value.GetProperty("card").GetProperty("fields").GetRawText().ShouldNotContain("1.2", customMessage: "no cost on a card");
        (await supplier.Http.PostAsync($"api/chat/messages/{card.Value.GetProperty("id").GetString()}/actions/confirm-order", null))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var confirmed = await Probe.Until(() => owner.GetJsonAsync($"api/purchasing/purchase-orders/{orderId}"),
            o => o.GetProperty("status").GetString() == "confirmed", Wait, "the order confirmed from chat");
        confirmed.GetProperty("lines")[0].GetProperty("confirmed").GetInt32().ShouldBe(100);
        await Probe.Until(() => CardAsync(owner, "purchase-order", orderId), c => c?.GetProperty("card").GetProperty("status").GetString() == "done",
            Wait, "the order card closed as confirmed");

        // The owner receives 50: stock +50, partially received, a discrepancy card in the supplier's channel.
        (await owner.Http.PostAsJsonAsync($"api/purchasing/purchase-orders/{orderId}/receipts", new { lines = new[] { new { sku, quantity = 50 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var stock = await Probe.Until(() => StockAsync(owner, sku), s => s.GetProperty("onHand").GetInt32() == 60, Wait, "stock +50");
        stock.GetProperty("onOrder").GetInt32().ShouldBe(60, "50 of this order and the earlier 10 are still to come");
        (await owner.GetJsonAsync($"api/purchasing/purchase-orders/{orderId}")).GetProperty("status").GetString().ShouldBe("partiallyReceived");

        var discrepancy = await Probe.Until(() => CardAsync(supplier, "delivery-discrepancy", orderId), c => c is not null, Wait,
            "the discrepancy card in the supplier's channel");
        discrepancy!.Value.GetProperty("important").GetBoolean().ShouldBeTrue();
        discrepancy.Value.GetProperty("card").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("value").GetString())
            .ShouldContain("订购 100 / 确认 100 / 实收 50 支");
        // It cites where the figures were agreed: the order card and the supplier's confirmation (a note in its thread).
        var links = discrepancy.Value.GetProperty("card").GetProperty("links").EnumerateArray().ToList();
        links.Select(l => l.GetProperty("kind").GetString()).ShouldBe(["order", "confirmation"]);
        links[0].GetProperty("messageId").GetString().ShouldBe(card.Value.GetProperty("id").GetString());
        links[0].GetProperty("seq").GetInt64().ShouldBe(card.Value.GetProperty("seq").GetInt64());
        links.ShouldAllBe(l => l.GetProperty("channelId").GetString() == SupplierChannel);
        (await supplier.Http.PostAsync($"api/chat/messages/{discrepancy.Value.GetProperty("id").GetString()}/actions/acknowledge-backorder", null))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Probe.Until(() => owner.GetJsonAsync($"api/purchasing/purchase-orders/{orderId}"),
            o => Kinds(o).Contains("discrepancy-acknowledged"), Wait, "the backorder on the order's timeline");

        // The second 50 closes the order.
        (await owner.Http.PostAsJsonAsync($"api/purchasing/purchase-orders/{orderId}/receipts", new { lines = new[] { new { sku, quantity = 50 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var closed = await owner.GetJsonAsync($"api/purchasing/purchase-orders/{orderId}");
        closed.GetProperty("status").GetString().ShouldBe("received");
        closed.GetProperty("receipts").GetInt32().ShouldBe(2);
        Kinds(closed).ShouldBe(["placed", "confirmed", "goods-received", "discrepancy", "discrepancy-acknowledged", "goods-received"]);
        stock = await Probe.Until(() => StockAsync(owner, sku), s => s.GetProperty("onHand").GetInt32() == 110, Wait, "stock +50 again");
        stock.GetProperty("onOrder").GetInt32().ShouldBe(10, "only the earlier order is still to come");

        (await owner.Http.PostAsJsonAsync($"api/purchasing/purchase-orders/{earlierId}/cancel", new { reason = "端到端测试结束" })).EnsureSuccessStatusCode();
    }

    private static async Task<JsonElement> StockAsync(GatewayClient client, string sku) =>
        (await client.GetJsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("stock");

    private static IEnumerable<JsonElement> ListItems(JsonElement list) =>
        (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).EnumerateArray();

    private static List<string?> Kinds(JsonElement order) =>
        [.. order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString())];

    /// <summary>The last card of <paramref name="kind"/> about the order in the supplier's channel (null while there is none).</summary>
    private static async Task<JsonElement?> CardAsync(GatewayClient client, string kind, string orderId)
    {
        JsonElement? found = null;
        long after = 0;
        while (true)
        {
            var response = await client.Http.GetAsync($"api/chat/channels/{SupplierChannel}/messages?after={after}&limit=200");
            if (response.StatusCode == HttpStatusCode.NotFound) return null; // the guest's membership is still on its way
            response.EnsureSuccessStatusCode();
            var page = ListItems(await response.Content.ReadFromJsonAsync<JsonElement>()).ToList();
            foreach (var m in page)
            {
                if (m.TryGetProperty("card", out var c) && c.ValueKind == JsonValueKind.Object && c.GetProperty("kind").GetString() == kind
                    && c.TryGetProperty("purchaseOrderId", out var o) && o.GetString() == orderId)
                    found = m.Clone();
            }
            if (page.Count < 200) return found;
            after = page[^1].GetProperty("seq").GetInt64();
        }
    }
}
