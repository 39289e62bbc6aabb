using Stationery.Chat.Alerts;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Editing;
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
        var first = MessagePosting.Decide(channel, Say("owner", "早"), Now);
        var second = MessagePosting.Decide(Channel.Fold(channel, first)!, Say("owner", "到货了吗"), Now);

        (first.Seq, second.Seq).ShouldBe((1L, 2L));
        second.Branch.ShouldBe("main");
    }

    [Fact]
    public void Someone_outside_the_channel_is_told_it_does_not_exist()
    {
        var ex = Should.Throw<NotFoundException>(() => MessagePosting.Decide(StockWatch("owner"), Say("clerk-east", "hi"), Now));
        ex.Status.ShouldBe(404);
    }

    [Fact]
    public void The_bot_posts_in_channels_it_is_not_a_member_of()
    {
        MessagePosting.Decide(StockWatch("owner"), Say(ChatBot.Id, "⚠️"), Now).Seq.ShouldBe(1);
    }

    [Fact]
    public void A_low_stock_alert_reads_like_the_shop_talks_and_mentions_the_owner()
    {
        var alert = AlertChanges.Low("main", "HL-Y", "晨光荧光笔", "黄色", "支", 4, 5, 20, Now);

        StockBotTexts.For("zh-CN").LowStock(alert, ["张店长"]).ShouldBe("⚠️ 低库存:晨光荧光笔 黄色 剩余 4 支(补货点 5)@张店长");
        StockBotTexts.For(null).LowStock(alert with { OnHand = 0 }, ["张店长", "王经理"])
            .ShouldBe("⛔ 缺货:晨光荧光笔 黄色 已无库存(补货点 5)@张店长 @王经理");
        StockBotTexts.For("zh-CN").Restocked(new ProductLabel("晨光荧光笔", "黄色", "支"), 25, 5)
            .ShouldBe("✅ 已补货:晨光荧光笔 黄色 现有 25 支(补货点 5)");
        StockBotTexts.For("zh-CN").Resolved(AlertChanges.Resolved("main", "HL-Y", "晨光荧光笔", "黄色", "支", 3, 5, Now, 2,
                resolution: StockAlertResolution.OnOrder, onOrder: 20))
            .ShouldBe("📦 已下单补货:晨光荧光笔 黄色 现有 3 支,在途 20 支(补货点 5)");
    }

    [Fact]
    public void The_bot_can_speak_english_when_a_deployment_asks_for_it()
    {
        var alert = AlertChanges.Low("main", "HL-Y", "Highlighter", "yellow", "pcs", 4, 5, 20, Now);

        StockBotTexts.For("en").LowStock(alert, ["Zhang"]).ShouldBe("⚠️ Low stock: Highlighter yellow, 4 pcs left (reorder point 5) @Zhang");
    }
}

/// <summary>Who a message mentions, and who may change it (pure; no servers).</summary>
public sealed class MentionAndEditingSpecs
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly ChatDirectory Directory = new object[]
    {
        new StaffRecorded("owner", "owner", "张店长", ["owner"], ["main"], null, Now),
        new StaffRecorded("lin", "lin", "林经理", ["manager"], ["main"], null, Now),
        new StaffRecorded("clerk", "clerk", "小李", ["clerk"], ["main"], null, Now),
        new StaffRecorded("clerk2", "clerk2", "小王", ["clerk"], ["main"], null, Now),
        new StaffRecorded("east", "east", "小周", ["clerk"], ["east"], null, Now),
    }.Aggregate(ChatDirectory.Empty, ChatDirectory.Fold);

    private static readonly Channel Group = Channel.Fold(null, BranchChannels.Open("main", BranchTopic.General, Directory.MembersOf("main")))!;

    [Theory]
    [InlineData("@张店长 到货了", new[] { "owner" })]
    [InlineData("@店员 明天盘点", new[] { "clerk", "clerk2" })]
    [InlineData("@店主 @店长 看一下", new[] { "lin", "owner" })]
    [InlineData("@所有人 下午开会", new[] { "clerk", "clerk2", "lin", "owner" })]
    [InlineData("张店长 没有 at 符号", new string[0])]
    [InlineData("@小周 不在本群", new string[0])]
    public void A_message_mentions_members_by_name_by_role_or_all(string text, string[] expected)
    {
        Mentions.Find(text, Group, Directory).Order().ShouldBe(expected);
    }

    private static ChatMessage Message(string author, bool deleted = false) =>
        new(Guid.NewGuid(), "main-group", 7, author, author, "原文", [], false, null, Now, null, deleted);

    [Fact]
    public void Only_the_author_may_edit_or_withdraw_a_message()
    {
        Should.Throw<ForbiddenException>(() => EditMessage.DecideEdit(Message("clerk"), "main-group", "owner", "改", [], Now)).Status.ShouldBe(403);
        Should.Throw<ForbiddenException>(() => EditMessage.DecideDelete(Message("clerk"), "main-group", "owner", Now));
        EditMessage.DecideEdit(Message("clerk"), "main-group", "clerk", "改", [], Now).ShouldHaveSingleItem().ShouldBeOfType<MessageEdited>().Seq.ShouldBe(7);
    }

    [Fact]
    public void A_message_of_another_channel_is_not_found_and_a_withdrawn_one_cannot_be_edited()
    {
        Should.Throw<NotFoundException>(() => EditMessage.DecideEdit(Message("clerk"), "east-group", "clerk", "改", [], Now));
        Should.Throw<DomainException>(() => EditMessage.DecideEdit(Message("clerk", deleted: true), "main-group", "clerk", "改", [], Now)).Status.ShouldBe(409);
        EditMessage.DecideDelete(Message("clerk", deleted: true), "main-group", "clerk", Now).ShouldBeEmpty();
        EditMessage.DecideEdit(Message("clerk"), "main-group", "clerk", "原文", [], Now).ShouldBeEmpty();
    }
}

/// <summary>Card buttons (pure; no servers).</summary>
public sealed class CardSpecs
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly StockBotTexts Texts = StockBotTexts.For("zh-CN");

    private static ChatMessage AlertWith(Card card) =>
        new(Guid.NewGuid(), "main-stock-watch", 3, ChatBot.Id, "库存助手", "⚠️", ["owner"], true, null, Now, Card: card);

    private static StockAlertChanged Low(int suggested) => AlertChanges.Low("main", "HL-Y", "晨光荧光笔", "黄色", "支", 4, 5, suggested, Now);

    [Fact]
    public void The_first_press_records_who_pressed_and_closes_the_card_to_further_presses()
    {
        var alert = AlertWith(Texts.LowStockCard(Low(20)));

        var events = PressCardButton.Decide(alert, CardActions.AddToPurchaseList, "owner", "张店长", "正在加入采购清单…", Now);

        var pressed = events[0].ShouldBeOfType<CardActionPressed>();
        (pressed.Branch, pressed.Sku, pressed.Quantity, pressed.UserId).ShouldBe(("main", "HL-Y", 20, "owner"));
        var pending = events[1].ShouldBeOfType<CardUpdated>().Card;
        (pending.Status, pending.ResolvedBy).ShouldBe((Card.Pending, "张店长"));
        Should.Throw<DomainException>(() => PressCardButton.Decide(alert with { Card = pending }, CardActions.AddToPurchaseList, "clerk", "小李", "", Now))
            .Status.ShouldBe(409);
    }

    [Fact]
    public void A_card_without_a_suggested_quantity_offers_no_button_and_unknown_buttons_are_not_found()
    {
        Texts.LowStockCard(Low(0)).Actions.ShouldBeEmpty();
        Should.Throw<NotFoundException>(() => PressCardButton.Decide(AlertWith(Texts.LowStockCard(Low(20))), "launch", "owner", "张店长", "", Now));
        Should.Throw<NotFoundException>(() => PressCardButton.Decide(AlertWith(Texts.LowStockCard(Low(20))) with { Card = null },
            CardActions.AddToPurchaseList, "owner", "张店长", "", Now));
    }
}
