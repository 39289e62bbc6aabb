using CsCheck;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Directory;
using Stationery.Chat.Suppliers;
using Stationery.Contracts.Identity;

namespace Stationery.Chat.Tests;

/// <summary>Recognising <c>报价 [SKU或品名] 单价 起订量 [有效期]</c> in a supplier channel (pure; no servers).</summary>
public sealed class QuoteParserSpecs
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static readonly CatalogueItem[] Catalogue =
    [
        new("HL-Y", "晨光荧光笔", "黄色", "晨光", "笔类", "支", null, 10, At),
        new("HL-G", "晨光荧光笔", "绿色", "晨光", "笔类", "支", null, 10, At),
        new("NB-A5", "晨光笔记本", "A5", "晨光", "本册", "本", null, 10, At),
    ];

    [Theory]
    [InlineData("报价 [HL-Y] 1.20 100", "HL-Y", "1.20", 100, null)]
    [InlineData("报价【晨光荧光笔 黄色】1.2 100", "晨光荧光笔 黄色", "1.2", 100, null)]
    [InlineData("报价［HL-Y］１.２５ ２００", "HL-Y", "1.25", 200, null)]
    [InlineData("报价:[NB-A5] ¥3.5 起订50本", "NB-A5", "3.5", 50, null)]
    [InlineData("报价 [NB-A5] 单价3.5元 起订量 50 本 有效期 2026/12/31", "NB-A5", "3.5", 50, "2026-12-31")]
    [InlineData("报价【晨光荧光笔 黄色】￥1.2元/支,起订一百支,有效期至2026-12-31", "晨光荧光笔 黄色", "1.2", 100, "2026-12-31")]
    [InlineData("报价 [HL-Y] 0.9875 12 有效期至 2027年1月5日", "HL-Y", "0.9875", 12, "2027-01-05")]
    public void A_quote_line_is_read_exactly(string text, string product, string price, int minimum, string? validUntil)
    {
        var quote = QuoteParser.Parse(text).ShouldHaveSingleItem();

        quote.ShouldBe(new PostedQuote(product, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), minimum,
            validUntil is null ? null : DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("报价 [HL-Y] 1.20 100 每盒10支", 10, null)]
    [InlineData("报价 [HL-Y] 1.20 起订100支,10支/盒,有效期至2026-12-31", 10, "2026-12-31")]
    [InlineData("报价【NB-A5】3.5 50 包装 20 本", 20, null)]
    [InlineData("报价 [HL-Y] 1.2 100 每箱 240", 240, null)]
    public void A_pack_size_after_the_minimum_is_read_too(string text, int pack, string? validUntil)
    {
        var quote = QuoteParser.Parse(text).ShouldHaveSingleItem();

        (quote.PackSize, quote.ValidUntil).ShouldBe((pack, validUntil is null ? null : DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("报价 [HL-Y] 1.20 100 每盒0支")] // no such pack
    [InlineData("报价 [HL-Y] 1.20 100 每盒100001支")] // beyond what Purchasing accepts
    public void An_impossible_pack_size_makes_the_line_no_quote(string text) => QuoteParser.Parse(text).ShouldBeEmpty();


    [Fact]
    public void Several_quote_lines_in_one_message_are_several_quotes_and_other_lines_are_ignored()
    {
        var quotes = QuoteParser.Parse("各位好,新价格如下:\n报价 [HL-Y] 1.20 100\n报价 [HL-G] 1.30 100\n谢谢");

        quotes.Select(q => (q.Product, q.UnitPrice)).ShouldBe([("HL-Y", 1.20m), ("HL-G", 1.30m)]);
    }

    [Theory]
    [InlineData("报价 HL-Y 1.20 100")] // no brackets
    [InlineData("报价 [HL-Y] 1.20")] // no minimum
    [InlineData("报价 [HL-Y] 0 100")] // free is not a price
    [InlineData("报价 [HL-Y] 1.23456 100")] // more than 4 decimals
    [InlineData("报价 [HL-Y] 1.20 0")] // nothing is not a minimum
    [InlineData("报价 [HL-Y] 1.20 100 有效期 2026-02-30")] // no such day
    [InlineData("报价 [] 1.20 100")]
    [InlineData("明天报价 [HL-Y] 1.20 100")] // not a quote line
    [InlineData("报价 [HL-Y] 1.20 100 谢谢老板")] // trailing talk: not the format
    [InlineData("[晨光荧光笔][黄色][3][20]")] // a stock report, not a quote
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_quote(string? text) => QuoteParser.Parse(text).ShouldBeEmpty();

    [Fact]
    public void No_input_crashes_the_parser_and_every_quote_it_reads_is_in_range()
    {
        var alphabet = "报价单起订量有效期至年月日元¥￥/[]【】［］0123456789０１２.-: ,,零一二十百千支本\n\u3000晨光HL-Y";
        Gen.OneOf(Gen.String[Gen.Char[alphabet], 0, 80], Gen.Const("报价 [HL-Y] ").SelectMany(p => Gen.String[Gen.Char[alphabet], 0, 40].Select(t => p + t)), Gen.String)
            .Sample(text =>
            {
                foreach (var quote in QuoteParser.Parse(text))
                {
                    quote.UnitPrice.ShouldBeInRange(0.0001m, QuoteParser.MaxPrice);
                    quote.MinOrderQty.ShouldBeGreaterThan(0);
                    SupplierQuotes.Match(quote.Product, Catalogue).ShouldNotBeNull();
                }
            }, iter: 20_000);
    }

    [Fact]
    public void Any_well_formed_quote_is_read_back()
    {
        Gen.Select(Gen.Int[1, 99_999], Gen.Int[0, 9_999], Gen.Int[1, 100_000]).Sample((yuan, fraction, minimum) =>
        {
            var price = yuan + fraction / 10_000m;
            var quote = QuoteParser.Parse($"报价 [HL-Y] {price.ToString(System.Globalization.CultureInfo.InvariantCulture)} {minimum}").Single();
            return quote.UnitPrice == price && quote.MinOrderQty == minimum;
        });
    }

    [Theory]
    [InlineData("HL-Y", "HL-Y")]
    [InlineData("hl-y", "HL-Y")]
    [InlineData("晨光荧光笔 绿色", "HL-G")]
    [InlineData("晨光笔记本", "NB-A5")]
    public void The_product_is_a_sku_or_a_name_with_an_optional_spec(string written, string sku) =>
        SupplierQuotes.Match(written, Catalogue).ShouldBeOfType<ProductMatch.One>().Product.Id.ShouldBe(sku);

    [Fact]
    public void A_name_shared_by_several_products_is_ambiguous_and_an_unknown_one_matches_nothing()
    {
        SupplierQuotes.Match("晨光荧光笔", Catalogue).ShouldBeOfType<ProductMatch.Several>().Candidates.Count.ShouldBe(2);
        SupplierQuotes.Match("得力订书钉", Catalogue).ShouldBeOfType<ProductMatch.None>();
    }

    private static readonly DateOnly Today = new(2026, 3, 2);

    private static readonly ChatDirectory Directory = new[]
    {
        new StaffMemberAdded("demo", "owner", "owner", "张店长", ["owner"], ["main"], null, At),
        new StaffMemberAdded("demo", "manager", "manager", "刘店长", ["manager"], ["main"], null, At),
        new StaffMemberAdded("demo", "hq", "hq", "总部王", ["hq"], [], null, At),
        new StaffMemberAdded("demo", "supplier", "supplier", "供应商陈", ["supplier"], [], "sup-1", At),
        new StaffMemberAdded("demo", "other-guest", "other-guest", "得力小陈", ["supplier"], [], "sup-2", At),
    }.Aggregate(ChatDirectory.Empty, (d, e) => d.Decide(e).Aggregate(d, ChatDirectory.Fold));

    private static IReadOnlyList<Messages.Posting.BotMessage> Answers(string author, string text) =>
        SupplierQuotes.Answers(new Contracts.Chat.MessagePosted("demo", "supplier-sup-1", null, Guid.NewGuid().ToString(), 7, author,
            author, text, [], false, At), "sup-1", Directory, Catalogue, Today, SupplierBotTexts.For("zh"));

    [Fact]
    public void A_quote_by_the_suppliers_guest_gets_a_card_for_the_cost_roles_with_the_terms_as_posted()
    {
        var answer = Answers("supplier", "报价 [HL-Y] 1.2 100").ShouldHaveSingleItem();

        answer.Mentions.Order().ToList().ShouldBe(["hq", "owner"], "cost roles confirm; the manager has no cost right");
        var card = answer.Card.ShouldNotBeNull();
        (card.Kind, card.SupplierId, card.Sku).ShouldBe(("supplier-quote", "sup-1", "HL-Y"));
        card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([
            ("商品", "晨光荧光笔 黄色(HL-Y)"), ("单价", "¥1.20 / 支"), ("起订量", "100 支"), ("有效期至", "未注明(登记起 30 天)")]);
        card.Actions.Select(a => (a.Id, a.Label, a.ForSupplier)).ShouldBe([("confirm-quote", "确认报价", false)]);
        card.Quote.ShouldBe(new Messages.Cards.QuoteTerms(1.2m, 100, null, "supplier", answer.ReplyTo!.Value));
    }

    [Theory]
    [InlineData("owner")] // staff may talk prices in the channel; only the supplier's own word is a quote
    [InlineData("other-guest")]
    public void A_quote_line_written_by_anyone_but_the_channels_supplier_is_just_chat(string author) =>
        Answers(author, "报价 [HL-Y] 1.2 100").ShouldBeEmpty();

    [Fact]
    public void An_unknown_or_ambiguous_product_or_a_past_date_gets_a_plain_answer_to_the_supplier()
    {
        var answers = Answers("supplier", "报价 [得力订书钉] 1 10\n报价 [晨光荧光笔] 1 10\n报价 [HL-Y] 1 10 有效期 2026-03-01");

        answers.Select(a => a.Card).ShouldAllBe(c => c == null);
        answers.ShouldAllBe(a => a.Mentions.SequenceEqual(new[] { "supplier" }));
        answers.Select(a => a.Text).ShouldBe([
            "商品目录里没有「得力订书钉」,请用 SKU 或商品全名重新报价",
            "「晨光荧光笔」对应多个商品:HL-G 晨光荧光笔 绿色;HL-Y 晨光荧光笔 黄色。请用 SKU 重新报价,例如 报价 [HL-G] 单价 起订量",
            "报价的有效期 2026-03-01 已过,请重新报价",
        ]);
    }
}
