using Stationery.Chat.Alerts;
using Stationery.Chat.Alerts.Watching;
using Stationery.Contracts.Inventory;
using static Stationery.Chat.Alerts.Watching.StockWatchDecision;

namespace Stationery.Chat.Tests;

/// <summary>库存监控 as a pure decider: Inventory's alert changes and the bot's memory of the branch in, what to post out (no servers).</summary>
public sealed class StockWatchSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly StockBotTexts Texts = StockBotTexts.For("zh-CN");
    private StockWatch state = StockWatch.Empty("main");
    private int ids;

    private static StockAlertChanged Low(long version, int onHand = 3) =>
        AlertChanges.Low("main", "HL-Y", "晨光荧光笔", "黄色", "支", onHand, 5, 20, Now, version);

    private static StockAlertChanged Out(long version, string previous = StockAlertState.Resolved, int? point = 5) =>
        AlertChanges.Out("main", "HL-Y", "晨光荧光笔", "黄色", "支", Now, version, previous, point, point is null ? null : 20);

    private static StockAlertChanged Resolved(long version, string previous, string why = StockAlertResolution.Restocked, int onHand = 25,
        int onOrder = 0, int? point = 5) =>
        AlertChanges.Resolved("main", "HL-Y", "晨光荧光笔", "黄色", "支", onHand, point, Now, version, previous, why, onOrder);

    private void Given(params StockAlertChanged[] changes)
    {
        foreach (var change in changes) When(change);
    }

    private IReadOnlyList<StockWatchDecision> When(StockAlertChanged change, DateTimeOffset? at = null)
    {
        ids++;
        var (decisions, next) = StockWatchBot.Decide(state, change, at ?? Now, new NewMessageIds(Id(ids), Id(1000 + ids)));
        state = next;
        return decisions;
    }

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    [Fact]
    public void Low_then_out_posts_the_low_alert_and_then_the_sell_out_as_news()
    {
        When(Low(3)).ShouldHaveSingleItem().ShouldBe(new PostAlert(Id(1), Low(3)));

        var sellOut = When(Out(4, StockAlertState.Low)).ShouldHaveSingleItem().ShouldBeOfType<PostAlert>();

        Texts.LowStock(sellOut.Change, ["张店长"]).ShouldBe("⛔ 缺货:晨光荧光笔 黄色 已无库存(补货点 5)@张店长");
        state.Products["HL-Y"].ShouldBe(new WatchedProduct(4, StockAlertState.Out, Id(2)));
    }

    [Fact]
    public void A_sell_out_without_a_policy_is_answered_by_its_restock_once_in_its_thread()
    {
        var alert = When(Out(2, point: null)).ShouldHaveSingleItem().ShouldBeOfType<PostAlert>();

        var note = When(Resolved(3, StockAlertState.Out, onHand: 12, point: null)).ShouldHaveSingleItem().ShouldBeOfType<PostResolvedNote>();

        note.ReplyTo.ShouldBe(alert.MessageId);
        Texts.Resolved(note.Change).ShouldBe("✅ 已补货:晨光荧光笔 黄色 现有 12 支");
    }

    [Fact]
    public void A_duplicate_change_is_ignored()
    {
        Given(Low(3));

        When(Low(3)).ShouldHaveSingleItem().ShouldBeOfType<Ignore>().Why.ShouldStartWith("stale");
    }

    [Fact]
    public void An_older_change_arriving_after_a_newer_one_is_ignored()
    {
        Given(Out(4), Resolved(6, StockAlertState.Out));

        When(Low(5)).ShouldHaveSingleItem().ShouldBeOfType<Ignore>();
        When(Out(4)).ShouldHaveSingleItem().ShouldBeOfType<Ignore>();
        state.Products["HL-Y"].Level.ShouldBe(StockAlertState.Resolved);
    }

    [Fact]
    public void An_alert_resolved_because_stock_is_on_order_says_it_is_on_order_not_restocked()
    {
        var alert = When(Low(3)).ShouldHaveSingleItem().ShouldBeOfType<PostAlert>();

        var note = When(Resolved(4, StockAlertState.Low, StockAlertResolution.OnOrder, onHand: 3, onOrder: 20))
            .ShouldHaveSingleItem().ShouldBeOfType<PostResolvedNote>();

        note.ReplyTo.ShouldBe(alert.MessageId);
        Texts.Resolved(note.Change).ShouldBe("📦 已下单补货:晨光荧光笔 黄色 现有 3 支,在途 20 支(补货点 5)");
        Texts.Resolved(note.Change).ShouldNotContain("已补货:");
    }

    [Theory]
    [InlineData("in order")]
    [InlineData("restock first")]
    [InlineData("delivered twice")]
    public void A_sell_out_never_yields_restocked_twice(string arrival)
    {
        StockAlertChanged[] changes = arrival switch
        {
            "in order" => [Out(2), Resolved(3, StockAlertState.Out)],
            "restock first" => [Resolved(3, StockAlertState.Out), Out(2)],
            _ => [Out(2), Resolved(3, StockAlertState.Out), Out(2), Resolved(3, StockAlertState.Out)],
        };

        var decisions = changes.SelectMany(c => When(c)).ToList();

        decisions.OfType<PostResolvedNote>().ShouldHaveSingleItem();
        decisions.OfType<PostAlert>().Count().ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void A_resolved_change_for_a_product_the_bot_knows_as_resolved_posts_nothing()
    {
        Given(Low(3), Resolved(4, StockAlertState.Low));

        When(Resolved(5, StockAlertState.Low)).ShouldHaveSingleItem().ShouldBeOfType<Ignore>();
    }

    [Fact]
    public void A_part_of_the_stock_coming_back_after_a_sell_out_moves_the_alert_without_news()
    {
        Given(Out(2));

        When(Low(3, onHand: 2) with { Previous = StockAlertState.Out }).ShouldHaveSingleItem().ShouldBeOfType<Ignore>();
        state.Products["HL-Y"].ShouldBe(new WatchedProduct(3, StockAlertState.Low, Id(1)), "the restock note still answers the first alert");
    }

    [Fact]
    public void A_sell_out_older_than_a_day_is_remembered_but_not_posted()
    {
        When(Out(2), at: Now.AddDays(2)).ShouldHaveSingleItem().ShouldBeOfType<Ignore>().Why.ShouldBe("no longer news");
        state.Products["HL-Y"].Level.ShouldBe(StockAlertState.Out);
    }

    [Fact]
    public void The_fourth_alert_within_a_minute_opens_a_digest_and_the_fifth_folds_into_it()
    {
        StockAlertChanged Of(string sku) => AlertChanges.Low("main", sku, "晨光荧光笔", sku, "支", 2, 5, 20, Now);
        foreach (var sku in new[] { "A", "B", "C" }) When(Of(sku)).ShouldHaveSingleItem().ShouldBeOfType<PostAlert>();

        var digest = When(Of("D")).ShouldHaveSingleItem().ShouldBeOfType<StartDigest>();
        var folded = When(Of("E")).ShouldHaveSingleItem().ShouldBeOfType<FoldIntoDigest>();

        folded.DigestMessageId.ShouldBe(digest.DigestMessageId);
        state.Burst!.DigestMessageId.ShouldBe(digest.DigestMessageId);
    }
}
