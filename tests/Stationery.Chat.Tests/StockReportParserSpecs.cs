using CsCheck;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;

namespace Stationery.Chat.Tests;

/// <summary>Recognising stock reports in shop talk (pure; no servers).</summary>
public sealed class StockReportParserSpecs
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static readonly CatalogueItem[] Catalogue =
    [
        new("HL-Y", "晨光荧光笔", "黄色", "晨光", "笔类", "支", null, 10, At),
        new("HL-G", "晨光荧光笔", "绿色", "晨光", "笔类", "支", null, 10, At),
        new("HL-X", "荧光笔", "", "无印", "笔类", "支", null, 10, At),
        new("ST-24", "得力订书钉", "24/6", "得力", "装订", "盒", null, 10, At),
        new("GP-05", "中性笔", "0.5 黑", "晨光", "笔类", "支", null, 12, At),
    ];

    [Theory]
    [InlineData("[晨光荧光笔][黄色][3][20]", "晨光荧光笔", "黄色", 3, 20)]
    [InlineData("【晨光荧光笔】【黄色】【3】【20】", "晨光荧光笔", "黄色", 3, 20)]
    [InlineData("［晨光荧光笔］［黄色］［３］［２０］", "晨光荧光笔", "黄色", 3, 20)]
    [InlineData("店长,盘了一下:[得力订书钉][24/6][三盒][十]", "得力订书钉", "24/6", 3, 10)]
    [InlineData("[晨光荧光笔] [绿色] [0]", "晨光荧光笔", "绿色", 0, null)]
    [InlineData("[中性笔][][二十五支][一百零五]", "中性笔", null, 25, 105)]
    public void The_house_format_is_read_exactly(string text, string product, string? spec, int reported, int? suggested)
    {
        var report = StockReportParser.Parse(text).ShouldHaveSingleItem();
        (report.Product, report.Spec, report.Reported, report.Suggested, report.Format)
            .ShouldBe((product, spec, reported, suggested, ReportFormat.House));
    }

    [Fact]
    public void Several_house_format_lines_in_one_message_are_several_reports()
    {
        StockReportParser.Parse("[晨光荧光笔][黄色][3][20]\n[得力订书钉][24/6][1][10]").Select(r => r.Product)
            .ShouldBe(["晨光荧光笔", "得力订书钉"]);
    }

    [Theory]
    [InlineData("晨光荧光笔黄色款只剩3支", "HL-Y", 3)]
    [InlineData("晨光荧光笔黄色款只剩三支", "HL-Y", 3)]
    [InlineData("@张店长 晨光荧光笔绿色的还剩两支了", "HL-G", 2)]
    [InlineData("得力订书钉还有十二盒", "ST-24", 12)]
    [InlineData("只剩3支中性笔了", "GP-05", 3)]
    [InlineData("中性笔没了", "GP-05", 0)]
    [InlineData("得力订书钉卖完了!", "ST-24", 0)]
    [InlineData("无印荧光笔只剩1支", "HL-X", 1)]
    public void Unambiguous_free_text_names_one_product_and_a_count(string text, string sku, int reported)
    {
        var report = StockReportParser.Parse(text).ShouldHaveSingleItem();
        report.Reported.ShouldBe(reported);
        ProductMatcher.Find(report, Catalogue).ShouldBeOfType<ProductMatch.One>().Product.Id.ShouldBe(sku);
    }

    [Fact]
    public void A_product_without_its_spec_is_ambiguous_between_its_specs()
    {
        var report = StockReportParser.Parse("晨光荧光笔只剩3支").ShouldHaveSingleItem();

        ProductMatcher.Find(report, Catalogue).ShouldBeOfType<ProductMatch.Several>().Candidates.Select(p => p.Id).ShouldBe(["HL-G", "HL-Y"]);
    }

    [Theory]
    [InlineData("今天下雨,早点关门")]
    [InlineData("我还有3个问题想问")]
    [InlineData("晨光荧光笔还有3支吗?")]
    [InlineData("还有事吗")]
    [InlineData("胶带只剩2卷")]
    [InlineData("")]
    public void Ordinary_chat_and_questions_are_left_alone(string text)
    {
        StockReportParser.Parse(text).Where(r => ProductMatcher.Find(r, Catalogue) is not ProductMatch.None).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("３支", 3)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("两百", 200)]
    [InlineData("一百零五", 105)]
    [InlineData("三千二", 3200)]
    [InlineData("零", 0)]
    [InlineData("三四", null)]
    [InlineData("十十", null)]
    [InlineData("几", null)]
    [InlineData("99999999999", null)]
    public void Quantities_are_read_in_digits_or_chinese_numerals(string raw, int? expected)
    {
        StockReportParser.ParseQuantity(raw).ShouldBe(expected);
    }

    [Fact]
    public void No_input_crashes_the_parser_or_the_matcher()
    {
        var alphabet = "[]【】［］0123456789０１２３零〇一二两三四五六七八九十百千支盒只剩还有没了款的吗?？,,。 @晨光荧光笔黄色\n\u3000a";
        Gen.OneOf(Gen.String[Gen.Char[alphabet], 0, 80], Gen.String)
            .Sample(text =>
            {
                foreach (var report in StockReportParser.Parse(text))
                {
                    report.Reported.ShouldBeInRange(0, StockReportParser.MaxQuantity);
                    ProductMatcher.Find(report, Catalogue).ShouldNotBeNull();
                }
            }, iter: 20_000);
    }
}
