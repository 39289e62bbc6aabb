using System.Text.Json;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>Purchasing's order events move the on-order figure; its receipts book stock in. Alerts look at both.</summary>
public sealed class OrdersFromPurchasing(InventoryHost host) : IClassFixture<InventoryHost>
{
    [Fact]
    public async Task An_order_placed_for_a_low_product_closes_its_alert_and_the_delivery_books_the_stock_in()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"PO-{Guid.NewGuid():N}"[..16]);
        await (await owner.PolicyAsync("main", sku, reorderPoint: 5, maxLevel: 30)).ShouldBe(200);
        await (await owner.ReceiveAsync("main", "R-1", (sku, 4))).ShouldBe(200);
        (await Alerts()).ShouldContain(sku);
        var bus = host.Service.Service<IBus>();
        var line = new PurchaseOrderLine(sku, "晨光荧光笔", "黄色", "支", 24);

        await bus.Publish(new PurchaseOrderPlaced("demo", "main", "PO-20260901-0001", "S-1", "晨光文具供应商", [line],
            new DateOnly(2026, 9, 4), "owner", "王老板", DateTimeOffset.UtcNow));

        var row = await Probe.Until(() => Row(sku), r => r.GetProperty("onOrder").GetInt32() == 24, what: "24 on order");
        row.GetProperty("onHand").GetInt32().ShouldBe(4);
        row.GetProperty("status").GetString().ShouldBe("ok");
        (await Alerts()).ShouldNotContain(sku);

        await bus.Publish(new GoodsReceived("demo", "main", "PO-20260901-0001", "RC-1", "S-1", "晨光文具供应商",
            [new ReceivedLine(sku, "晨光荧光笔", "支", 24, 24, 24)], true, "u-7", "李店长", DateTimeOffset.UtcNow));

        row = await Probe.Until(() => Row(sku), r => r.GetProperty("onHand").GetInt32() == 28, what: "the delivery booked in");
        row.GetProperty("onOrder").GetInt32().ShouldBe(0);
        var receipt = (await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger").EnumerateArray()
            .Last(e => e.GetProperty("kind").GetString() == "received");
        receipt.GetProperty("reference").GetString().ShouldBe("PO-20260901-0001");
        receipt.GetProperty("by").GetString().ShouldBe("李店长");
        receipt.GetProperty("balance").GetInt32().ShouldBe(28);
    }

    [Fact]
    public async Task A_goods_received_delivered_twice_books_the_stock_in_once()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"PO-{Guid.NewGuid():N}"[..16]);
        await (await owner.ReceiveAsync("main", "R-1", (sku, 4))).ShouldBe(200);
        var bus = host.Service.Service<IBus>();
        var handled = new HandledMessages();
        using var _ = bus.ConnectConsumeObserver(handled);
        var received = new GoodsReceived("demo", "main", "PO-20260901-0002", "RC-2", "S-1", "晨光文具供应商",
            [new ReceivedLine(sku, "晨光荧光笔", "支", 50, 50, 100)], false, "u-7", "李店长", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await bus.Publish(received, ctx => ctx.MessageId = messageId);
        await bus.Publish(received, ctx => ctx.MessageId = messageId);

        await Probe.Until(() => Task.FromResult(handled.Count(messageId) == 2), what: "both deliveries handled");
        (await Row(sku)).GetProperty("onHand").GetInt32().ShouldBe(54);
        (await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger").EnumerateArray()
            .Count(e => e.GetProperty("kind").GetString() == "received" && e.GetProperty("reference").GetString() == "PO-20260901-0002")
            .ShouldBe(1);
    }

    /// <summary>Counts consumer completions per MessageId (a duplicate is completed too: acknowledged without effect).</summary>
    private sealed class HandledMessages : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> counts = new();

        public int Count(Guid id) => counts.GetValueOrDefault(id);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    private async Task<JsonElement> Row(string sku) =>
        (await host.Owner().JsonAsync("api/inventory/branches/main/stock")).EnumerateArray()
            .Single(r => r.GetProperty("sku").GetString() == sku);

    private async Task<List<string>> Alerts() =>
        (await host.Owner().JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray()
            .Select(a => a.GetProperty("sku").GetString()!).ToList();
}
