using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Suppliers;
using Stationery.Contracts.Chat;

namespace Stationery.Chat.Tests;

/// <summary>What counts as price talk, and how a message with prices reads for each reader (pure, no I/O).</summary>
public sealed class PriceVisibilitySpecs
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly ChatDirectory Directory = ChatDirectory.Empty with
    {
        Users = new Dictionary<string, DirectoryUser>
        {
            ["owner"] = new("owner", "owner", "张店长", ["owner"], ["main"], null, At),
            ["hq"] = new("hq", "hq", "总部王", ["hq"], [], null, At),
            ["lin"] = new("lin", "lin", "店长林", ["manager"], ["main"], null, At),
            ["clerk"] = new("clerk", "clerk", "小李", ["clerk"], ["main"], null, At),
            ["supplier"] = new("supplier", "supplier", "供应商陈", ["supplier"], [], "sup-1", At),
            ["deli"] = new("deli", "deli", "得力小陈", ["supplier"], [], "sup-2", At),
        },
    };

    private static PriceViewer Viewer(string userId) => PriceViewer.Of(Directory.Users[userId]);

    [Theory]
    [InlineData("报价 [HL-Y] 1.20 100")]
    [InlineData("报价【晨光荧光笔 黄色】¥1.2 起订100支")]
    [InlineData("这批单价 3.5")]
    [InlineData("价格是 12")]
    [InlineData("给你算 ¥7.39 一支")]
    [InlineData("每支 1.2 元")]
    [InlineData("price: 1.2")]
    public void Figures_written_as_money_are_price_talk(string text) => PriceTalk.Mentions(text).ShouldBeTrue();

    [Theory]
    [InlineData("明天上午送货")]
    [InlineData("荧光笔 100 支,3 月 4 日到")]
    [InlineData("采购单 PO-1234 已发货")]
    [InlineData("价格下周再谈")]
    [InlineData("")]
    public void Quantities_dates_and_words_about_prices_without_a_figure_are_not(string text) => PriceTalk.Mentions(text).ShouldBeFalse();

    [Fact]
    public void Cost_roles_and_the_suppliers_own_guest_hold_its_price_channel_and_nobody_else()
    {
        new[] { "owner", "hq", "supplier" }.ShouldAllBe(u => Directory.Users[u].BelongsToPriceChannel("sup-1"));
        new[] { "lin", "clerk", "deli" }.ShouldAllBe(u => !Directory.Users[u].BelongsToPriceChannel("sup-1"));
        Directory.MembersOfPriceChannel("sup-1").Order().ShouldBe(["hq", "owner", "supplier"]);
        (Directory.Users["owner"] with { Disabled = true }).BelongsToPriceChannel("sup-1").ShouldBeFalse();
    }

    [Fact]
    public void A_priced_card_field_is_left_out_for_readers_without_the_suppliers_prices_and_kept_for_those_with_them()
    {
        var card = new ChatCard("delivery-discrepancy", "到货差异", [new("门店", "总店"), new("金额", "¥42.31") { Priced = true }], [], "open", null, null);
        var message = new MessageDto(SupplierChannels.Id("sup-1"), 3, "m1", "bot", "采购助手", "到货差异", [], true, null, At, Card: card);

        foreach (var reader in new[] { "owner", "hq", "supplier" })
            message.For(Viewer(reader), Directory).Card!.Fields.Select(f => f.Value).ShouldBe(["总店", "¥42.31"], reader);
        foreach (var reader in new[] { "lin", "clerk", "deli" })
            message.For(Viewer(reader), Directory).Card!.Fields.Select(f => f.Value).ShouldBe(["总店"], reader);
    }

    [Fact]
    public void A_quote_card_written_before_fields_were_marked_loses_its_price_line_for_a_manager()
    {
        var card = new ChatCard(SupplierBotTexts.QuoteCardKind, "供应商报价", [new("商品", "晨光荧光笔 黄色(HL-Y)"), new("单价", "¥1.20 / 支"), new("起订量", "100 支")],
            [], "open", null, null);
        var message = new MessageDto(SupplierChannels.Id("sup-1"), 4, "m2", "bot", "采购助手", "💰 供应商陈 报价:晨光荧光笔 黄色", [], false, null, At, Card: card);

        message.For(Viewer("lin"), Directory).Card!.Fields.Select(f => f.Label).ShouldBe(["商品", "起订量"]);
        message.For(Viewer("owner"), Directory).ShouldBe(message);
    }

    [Fact]
    public void The_guests_price_talk_in_its_order_channel_reads_as_withheld_for_a_manager_but_a_managers_own_words_stay()
    {
        var quote = new MessageDto(SupplierChannels.Id("sup-1"), 5, "m3", "supplier", "供应商陈", "报价 [HL-Y] 1.20 100", [], false, null, At);
        var managers = quote with { Id = "m4", AuthorId = "lin", Text = "零售价 3.5 元卖得动" };

        quote.For(Viewer("lin"), Directory).Text.ShouldBe(PriceVisibility.Withheld);
        quote.For(Viewer("deli"), Directory).Text.ShouldBe(PriceVisibility.Withheld);
        quote.For(Viewer("supplier"), Directory).Text.ShouldBe("报价 [HL-Y] 1.20 100");
        quote.For(Viewer("hq"), Directory).Text.ShouldBe("报价 [HL-Y] 1.20 100");
        managers.For(Viewer("clerk"), Directory).Text.ShouldBe("零售价 3.5 元卖得动");
    }

    [Fact]
    public void Price_talk_goes_to_the_price_channel_only_from_the_order_channel_and_only_from_someone_holding_the_suppliers_prices()
    {
        var order = SupplierChannels.Id("sup-1");
        PriceMoves.Destination(order, Viewer("supplier"), "单价 1.2").ShouldBe(PriceChannels.Id("sup-1"));
        PriceMoves.Destination(order, Viewer("owner"), "能不能 ¥1.1").ShouldBe(PriceChannels.Id("sup-1"));
        PriceMoves.Destination(order, Viewer("supplier"), "明天送货").ShouldBeNull();
        PriceMoves.Destination(order, Viewer("lin"), "零售价 3.5 元").ShouldBeNull();
        PriceMoves.Destination(PriceChannels.Id("sup-1"), Viewer("supplier"), "单价 1.2").ShouldBeNull();
        PriceMoves.Destination("main-group", Viewer("owner"), "进价 1.2").ShouldBeNull();
    }
}
