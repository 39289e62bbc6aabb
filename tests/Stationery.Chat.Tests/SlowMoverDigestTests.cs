using Marten;
using Stationery.Chat.Alerts;
using Stationery.Chat.Alerts.SlowMovers;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>滞销周报: slow movers wait for their branch's weekly digest card in 库存监控.</summary>
public sealed class SlowMoverDigestTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static SlowMoverDetected Slow(string sku, string name, int days, int onHand = 12) =>
        new(ChatFixture.Tenant, "main", sku, name, "", "支", onHand, days, null, 60, days > 90 ? "90+" : "61-90", 0.1m, DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<SlowMoverNote>> NotesAsync()
    {
        await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
        return await session.Query<SlowMoverNote>().ToListAsync();
    }

    [Fact]
    public async Task Slow_movers_wait_for_one_weekly_digest_card_that_leaves_out_what_sold_meanwhile()
    {
        using var owner = fixture.ClientFor("owner");
        var pass = fixture.Chat.Service<SlowMoverDigestPass>();
        await fixture.Publish(Slow("PAINT-12", "马利水彩", 95));
        await fixture.Publish(Slow("RULER-30", "得力直尺", 70));
        await fixture.Publish(Slow("ERASER-2", "樱花橡皮", 64));
        await Probe.Until(NotesAsync, n => n.Count == 3, what: "three slow movers noted");
        await fixture.Publish(new ItemsSold(ChatFixture.Tenant, "main", "ERASER-2", 1, 2.5m, 40, "t-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await Probe.Until(NotesAsync, n => n.Count == 2, what: "the eraser sold, so no longer slow");

        // Two replicas at once: one digest.
        var posted = await Task.WhenAll(pass.RunOnceAsync(CancellationToken.None), pass.RunOnceAsync(CancellationToken.None));
        posted.Sum().ShouldBe(1);
        (await pass.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        var digest = (await ChatFixture.MessagesAsync(owner, "main-stock-watch")).Where(m => m.Card?.Kind == "slow-mover-digest").ShouldHaveSingleItem();
        digest.Text.ShouldBe("🐢 本周滞销品 2 项:可以考虑促销、调拨到其他门店或退货 @张店长");
        digest.Important.ShouldBeFalse();
        digest.Mentions.ShouldBe(["owner"]);
        digest.Card!.Fields.Select(f => (f.Label, f.Value)).ShouldBe([
            ("马利水彩", "95 天未售 · 库存 12 支 · 库龄 90+ 天"), ("得力直尺", "70 天未售 · 库存 12 支 · 库龄 61-90 天")]);
        digest.Card.Actions.ShouldBeEmpty();
        (await NotesAsync()).ShouldBeEmpty();

        // Found after this week's digest: it waits for next week's.
        await fixture.Publish(Slow("GLUE-1", "得力胶水", 61));
        await Probe.Until(NotesAsync, n => n.Count == 1, what: "a later slow mover noted");
        (await pass.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Theory]
    [InlineData("2025-12-01T01:00:00Z", "2025-12-01")] // Monday 09:00 in China: this week's digest is due
    [InlineData("2025-12-01T00:59:00Z", "2025-11-24")] // Monday 08:59: still last week's
    [InlineData("2025-11-30T16:30:00Z", "2025-11-24")] // Monday 00:30 in China
    [InlineData("2025-12-07T15:59:00Z", "2025-12-01")] // Sunday 23:59
    public void The_digest_week_starts_on_monday_at_nine_china_time(string now, string week)
    {
        SlowMoverDigest.WeekOf(DateTimeOffset.Parse(now)).ShouldBe(DateOnly.Parse(week));
    }

    [Fact]
    public void A_long_list_shows_twenty_products_and_counts_the_rest()
    {
        var notes = Enumerable.Range(1, 23)
            .Select(i => new SlowMoverNote($"main|S{i}", "main", $"S{i}", $"商品{i}", "", "个", 1, 60 + i, "61-90", DateTimeOffset.UnixEpoch)).ToList();

        var card = StockBotTexts.For("zh").SlowMoverDigestCard("main", new DateOnly(2025, 12, 1), notes);

        card.Fields.Length.ShouldBe(StockBotTexts.MaxSlowMoverFields + 1);
        (card.Fields[^1].Label, card.Fields[^1].Value).ShouldBe(("…", "另有 3 项"));
        card.Title.ShouldBe("滞销周报 · 12月1日这周 · 23 项");
    }
}
