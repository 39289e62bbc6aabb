using Stationery.Chat.Alerts;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Errors;

namespace Stationery.Chat.Tests;

/// <summary>Posting rules and the bot's wording (pure; no servers).</summary>
public sealed class PostingSpecs
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static Channel StockWatch(params string[] members) =>
        Channel.Fold(null, BranchChannels.Open("main", BranchTopic.StockWatch, members))!;

    private static PostMessage Say(string author, string text) => new(Guid.NewGuid(), author, author, text, [], false, null, "c-1");

    [Fact]
    public void Messages_are_numbered_one_after_another_from_one()
    {
        var channel = StockWatch("owner");
        var first = Posting.Decide(channel, Say("owner", "早"), Now);
        var second = Posting.Decide(Channel.Fold(channel, first)!, Say("owner", "到货了吗"), Now);

        (first.Seq, second.Seq).ShouldBe((1L, 2L));
        second.Branch.ShouldBe("main");
    }

    [Fact]
    public void Someone_outside_the_channel_is_told_it_does_not_exist()
    {
        var ex = Should.Throw<NotFoundException>(() => Posting.Decide(StockWatch("owner"), Say("clerk-east", "hi"), Now));
        ex.Status.ShouldBe(404);
    }

    [Fact]
    public void The_bot_posts_in_channels_it_is_not_a_member_of()
    {
        Posting.Decide(StockWatch("owner"), Say(ChatBot.Id, "⚠️"), Now).Seq.ShouldBe(1);
    }

    [Fact]
    public void A_low_stock_alert_reads_like_the_shop_talks_and_mentions_the_owner()
    {
        var alert = new LowStockDetected("demo", "main", "HL-Y", "晨光荧光笔", "黄色", "支", 4, 5, 20, Now);

        StockBotTexts.For("zh-CN").LowStock(alert, ["张店长"]).ShouldBe("⚠️ 低库存:晨光荧光笔 黄色 剩余 4 支(补货点 5)@张店长");
        StockBotTexts.For(null).LowStock(alert with { OnHand = 0 }, ["张店长", "王经理"])
            .ShouldBe("⛔ 缺货:晨光荧光笔 黄色 已无库存(补货点 5)@张店长 @王经理");
        StockBotTexts.For("zh-CN").Restocked(new ProductLabel("晨光荧光笔", "黄色", "支"), 25, 5)
            .ShouldBe("✅ 已补货:晨光荧光笔 黄色 现有 25 支(补货点 5)");
    }

    [Fact]
    public void The_bot_can_speak_english_when_a_deployment_asks_for_it()
    {
        var alert = new LowStockDetected("demo", "main", "HL-Y", "Highlighter", "yellow", "pcs", 4, 5, 20, Now);

        StockBotTexts.For("en").LowStock(alert, ["Zhang"]).ShouldBe("⚠️ Low stock: Highlighter yellow, 4 pcs left (reorder point 5) @Zhang");
    }
}
