using MassTransit;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// 缺货 alerts from Inventory's <c>OutOfStock</c>: news when the product was already alerted as low, and said once when one sale
/// raises both <c>LowStockDetected</c> (on hand 0) and <c>OutOfStock</c>, whichever Chat handles first.
/// </summary>
public sealed class StockOutAlertTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static string Product() => $"缺货测试笔{Guid.NewGuid():N}"[..14];

    private static LowStockDetected Low(string branch, string sku, string name, int onHand, DateTimeOffset at) =>
        new(ChatFixture.Tenant, branch, sku, name, "黄色", "支", onHand, 5, 20, at);

    private static OutOfStock Out(string branch, string sku, string name, DateTimeOffset at) =>
        new(ChatFixture.Tenant, branch, sku, name, "黄色", "支", OnOrder: 0, InTransit: 0, at);

    [Fact]
    public async Task A_product_already_alerted_as_low_that_sells_out_gets_a_stock_out_alert_offering_the_low_alerts_suggestion()
    {
        using var owner = fixture.ClientFor("owner");
        var (sku, name) = ($"OS-{Guid.NewGuid():N}"[..12], Product());
        await fixture.Publish(Low("main", sku, name, onHand: 3, DateTimeOffset.UtcNow));
        await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⚠️ 低库存:{name} 黄色 剩余 3 支")), what: "the low-stock alert");

        await fixture.Publish(Out("main", sku, name, DateTimeOffset.UtcNow));

        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色")), what: "the stock-out alert");
        var alert = history.Single(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色"));
        alert.Text.ShouldBe($"⛔ 缺货:{name} 黄色 已无库存(补货点 5)@张店长");
        alert.Mentions.ShouldBe(["owner"]);
        alert.Card!.Title.ShouldBe($"缺货 · {name} 黄色");
        alert.Card.Actions.Single().Label.ShouldBe("加入采购清单 20");

        // Restocked: the note answers the stock-out alert, the latest one.
        await fixture.Publish(new LowStockResolved(ChatFixture.Tenant, "main", sku, 25, 5, DateTimeOffset.UtcNow));
        await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.ReplyTo == alert.Id && m.Text.StartsWith($"✅ 已补货:{name} 黄色 现有 25 支")), what: "the restock note in the stock-out alert's thread");
    }

    [Fact]
    public async Task A_product_without_a_policy_that_sells_out_gets_a_stock_out_alert_without_policy_figures()
    {
        using var owner = fixture.ClientFor("owner");
        var (sku, name) = ($"NP-{Guid.NewGuid():N}"[..12], Product());

        await fixture.Publish(Out("east", sku, name, DateTimeOffset.UtcNow));

        var alert = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-stock-watch"),
            h => h.Any(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色")), what: "the stock-out alert")).Single(m => m.Text.StartsWith($"⛔ 缺货:{name} 黄色"));
        alert.Text.ShouldBe($"⛔ 缺货:{name} 黄色 已无库存@张店长");
        alert.Card!.Fields.Select(f => f.Label).ShouldBe(["现有"]);
        alert.Card.Actions.ShouldBeEmpty();

        // Inventory resolves alerts against a reorder point, so without one Chat answers the restock itself: once, in the thread.
        async Task<List<MessageDto>> Thread() => (await ChatFixture.MessagesAsync(owner, "east-stock-watch")).Where(m => m.ReplyTo == alert.Id).ToList();
        await fixture.Publish(new StockReceived(ChatFixture.Tenant, "east", sku, 12, 12, "R-NP", DateTimeOffset.UtcNow));
        (await Probe.Until(Thread, n => n.Count > 0, what: "the restock note in the stock-out alert's thread"))
            .ShouldHaveSingleItem().Text.ShouldBe($"✅ 已补货:{name} 黄色 现有 12 支");

        await fixture.Publish(new StockAdjusted(ChatFixture.Tenant, "east", sku, -2, "盘点", null, 10, DateTimeOffset.UtcNow));
        var store = fixture.Chat.Service<Marten.IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var query = store.QuerySession(ChatFixture.Tenant);
            return await query.LoadAsync<Stationery.Chat.Catalogue.StockFigure>(Stationery.Chat.Catalogue.StockFigure.IdFor("east", sku));
        }, f => f is { OnHand: 10 }, what: "Chat's copy of the count");
        (await Thread()).Count.ShouldBe(1, "the alert is answered once");
    }

    [Fact]
    public async Task A_sell_out_that_is_no_longer_news_posts_nothing()
    {
        using var owner = fixture.ClientFor("owner");
        var (old, restocked, fence) = (Product(), Product(), Product());
        // Two days ago (a backlog, or a seeded history): not news.
        await fixture.Publish(Out("east", $"O-{Guid.NewGuid():N}"[..12], old, DateTimeOffset.UtcNow.AddDays(-2)));
        // Sold out a minute ago, but Chat has since heard of stock arriving.
        var sku = $"R-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(new StockReceived(ChatFixture.Tenant, "east", sku, 12, 12, "R-1", DateTimeOffset.UtcNow));
        var store = fixture.Chat.Service<Marten.IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var query = store.QuerySession(ChatFixture.Tenant);
            return await query.LoadAsync<Stationery.Chat.Catalogue.StockFigure>(Stationery.Chat.Catalogue.StockFigure.IdFor("east", sku));
        }, f => f is { OnHand: 12 }, what: "Chat's copy of the receipt");
        await fixture.Publish(Out("east", sku, restocked, DateTimeOffset.UtcNow.AddMinutes(-1)));

        await fixture.Publish(Out("east", $"F-{Guid.NewGuid():N}"[..12], fence, DateTimeOffset.UtcNow));
        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-stock-watch"),
            h => h.Any(m => m.Text.Contains(fence)), what: "the fence");
        history.ShouldNotContain(m => m.Text.Contains(old));
        history.ShouldNotContain(m => m.Text.Contains(restocked));
    }

    [Theory]
    [InlineData("low stock first")]
    [InlineData("out of stock first")]
    [InlineData("both at once")]
    public async Task One_sale_that_sells_out_is_alerted_once_with_the_policys_figures_whichever_event_arrives_first(string order)
    {
        using var owner = fixture.ClientFor("owner");
        var (sku, name) = ($"SO-{Guid.NewGuid():N}"[..12], Product());
        var at = DateTimeOffset.UtcNow;
        var (low, sellOut) = (Low("main", sku, name, onHand: 0, at), Out("main", sku, name, at));
        switch (order)
        {
            case "low stock first":
                await fixture.Publish(low);
                await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"), h => h.Any(m => m.Text.Contains(name)), what: "the first alert");
                await fixture.Publish(sellOut);
                break;
            case "out of stock first":
                await fixture.Publish(sellOut);
                await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"), h => h.Any(m => m.Text.Contains(name)), what: "the first alert");
                await fixture.Publish(low);
                break;
            default:
                await Task.WhenAll(fixture.Publish(low), fixture.Publish(sellOut));
                break;
        }

        // The alert carries the policy's figures once both events are in (an alert posted from OutOfStock is completed by the other).
        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Text.Contains(name) && m.Card?.Actions.Count == 1), what: "the stock-out alert with its button");
        // A fence on each queue: once a later alert of each kind is in, both events of the sale have been handled.
        var fence = Product();
        await Task.WhenAll(fixture.Publish(Low("main", $"F-{Guid.NewGuid():N}"[..12], fence, 2, DateTimeOffset.UtcNow)),
            fixture.Publish(Out("main", $"G-{Guid.NewGuid():N}"[..12], fence, DateTimeOffset.UtcNow)));
        history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Count(m => m.Text.Contains(fence)) >= 2, what: "the fences");

        var alert = history.Where(m => m.Text.Contains(name)).ShouldHaveSingleItem();
        alert.Text.ShouldStartWith($"⛔ 缺货:{name} 黄色 已无库存");
        alert.Card!.Title.ShouldBe($"缺货 · {name} 黄色");
        alert.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("现有", "0 支"), ("补货点", "5 支"), ("建议补货", "20 支")]);
        alert.Card.Actions.Single().Label.ShouldBe("加入采购清单 20");
    }
}
