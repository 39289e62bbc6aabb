using MassTransit;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// 缺货 alerts from Inventory's one alert contract (<see cref="StockAlertChanged"/> with state <c>out</c>): news when the product was
/// already alerted as low, answered once by the change that resolves it, and never said again by a late or repeated delivery.
/// </summary>
public sealed class StockOutAlertTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static string Product() => $"缺货测试笔{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task A_product_already_alerted_as_low_that_sells_out_gets_a_stock_out_alert_offering_the_suggestion()
    {
        using var owner = fixture.ClientFor("owner");
        var (sku, name) = ($"OS-{Guid.NewGuid():N}"[..12], Product());
        await fixture.Publish(AlertChanges.Low("main", sku, name, "黄色", "支", 3, 5, 20, DateTimeOffset.UtcNow, version: 3));
        await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⚠️ 低库存:{name} 黄色 剩余 3 支")), what: "the low-stock alert");

        await fixture.Publish(AlertChanges.Out("main", sku, name, "黄色", "支", DateTimeOffset.UtcNow, version: 4, StockAlertState.Low, 5, 20));

        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色")), what: "the stock-out alert");
        var alert = history.Single(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色"));
        alert.Text.ShouldBe($"⛔ 缺货:{name} 黄色 已无库存(补货点 5)@张店长");
        alert.Mentions.ShouldBe(["owner"]);
        alert.Card!.Title.ShouldBe($"缺货 · {name} 黄色");
        alert.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("现有", "0 支"), ("补货点", "5 支"), ("建议补货", "20 支")]);
        alert.Card.Actions.Single().Label.ShouldBe("加入采购清单 20");

        // Restocked: the note answers the stock-out alert, the latest one.
        await fixture.Publish(AlertChanges.Resolved("main", sku, name, "黄色", "支", 25, 5, DateTimeOffset.UtcNow, version: 5, StockAlertState.Out));
        await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.ReplyTo == alert.Id && m.Text.StartsWith($"✅ 已补货:{name} 黄色 现有 25 支")), what: "the restock note in the stock-out alert's thread");
    }

    [Fact]
    public async Task A_product_without_a_policy_that_sells_out_is_answered_once_by_the_restock_inventory_publishes()
    {
        using var owner = fixture.ClientFor("owner");
        var (sku, name) = ($"NP-{Guid.NewGuid():N}"[..12], Product());

        await fixture.Publish(AlertChanges.Out("east", sku, name, "黄色", "支", DateTimeOffset.UtcNow, version: 2));

        var alert = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色")), what: "the stock-out alert")).Single(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色"));
        alert.Text.ShouldBe($"⛔ 缺货:{name} 黄色 已无库存@张店长");
        alert.Card!.Fields.Select(f => f.Label).ShouldBe(["现有"]);
        alert.Card.Actions.ShouldBeEmpty();

        async Task<List<MessageDto>> Thread() => (await ChatFixture.MessagesAsync(owner, "east-stock-watch")).Where(m => m.ReplyTo == alert.Id).ToList();
        var restock = AlertChanges.Resolved("east", sku, name, "黄色", "支", 12, null, DateTimeOffset.UtcNow, version: 3, StockAlertState.Out);
        await fixture.Publish(restock);
        (await Probe.Until(Thread, n => n.Count > 0, what: "the restock note in the stock-out alert's thread"))
            .ShouldHaveSingleItem().Text.ShouldBe($"✅ 已补货:{name} 黄色 现有 12 支");

        // The same change again under another message id (a republished event), then a fence: still one note.
        await fixture.Publish(restock, NewId.NextGuid());
        var fence = Product();
        await fixture.Publish(AlertChanges.Out("east", $"F-{Guid.NewGuid():N}"[..12], fence, "黄色", "支", DateTimeOffset.UtcNow));
        await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-stock-watch"), h => h.Any(m => m.Text.Contains(fence)), what: "the fence");
        (await Thread()).Count.ShouldBe(1, "the alert is answered once");
    }

    [Fact]
    public async Task A_sell_out_that_is_no_longer_news_or_arrives_after_its_restock_posts_nothing()
    {
        using var owner = fixture.ClientFor("owner");
        var (old, late, fence) = (Product(), Product(), Product());
        // Two days ago (a backlog, or a seeded history): not news.
        await fixture.Publish(AlertChanges.Out("east", $"O-{Guid.NewGuid():N}"[..12], old, "黄色", "支", DateTimeOffset.UtcNow.AddDays(-2)));
        // The restock (version 3) overtook the sell-out (version 2): the sell-out is stale when it comes.
        var sku = $"R-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(AlertChanges.Resolved("east", sku, late, "黄色", "支", 12, null, DateTimeOffset.UtcNow, version: 3, StockAlertState.Out));
        await fixture.Publish(AlertChanges.Out("east", sku, late, "黄色", "支", DateTimeOffset.UtcNow.AddMinutes(-1), version: 2));

        await fixture.Publish(AlertChanges.Out("east", $"F-{Guid.NewGuid():N}"[..12], fence, "黄色", "支", DateTimeOffset.UtcNow));
        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-stock-watch"),
            h => h.Any(m => m.Text.Contains(fence)), what: "the fence");
        history.ShouldNotContain(m => m.Text.Contains(old));
        history.ShouldNotContain(m => m.Text.StartsWith($"⛔ 缺货:{late}"));
    }

    [Fact]
    public async Task An_alert_resolved_by_a_purchase_order_says_the_stock_is_on_order()
    {
        using var owner = fixture.ClientFor("owner");
        var (sku, name) = ($"PO-{Guid.NewGuid():N}"[..12], Product());
        await fixture.Publish(AlertChanges.Low("main", sku, name, "黄色", "支", 3, 5, 20, DateTimeOffset.UtcNow, version: 2));
        var alert = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⚠️ 低库存:{name}")), what: "the alert")).Single(m => m.Text.StartsWith($"⚠️ 低库存:{name}"));

        await fixture.Publish(AlertChanges.Resolved("main", sku, name, "黄色", "支", 3, 5, DateTimeOffset.UtcNow, version: 3,
            resolution: StockAlertResolution.OnOrder, onOrder: 20));

        (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"), h => h.Any(m => m.ReplyTo == alert.Id), what: "the note"))
            .Single(m => m.ReplyTo == alert.Id).Text.ShouldBe($"📦 已下单补货:{name} 黄色 现有 3 支,在途 20 支(补货点 5)");
    }
}
