using System.Text.RegularExpressions;
using Stationery.Chat.Bridge;

namespace Stationery.Chat.Suppliers;

/// <summary>
/// Recognises price talk: a 报价 line (<see cref="QuoteParser"/>), or a figure written as money — ¥/￥ before it, 元 after it,
/// or a price word (单价, 价格, 价钱, 进价, 报价, 采购价, price, cost) just before it. Pure and total, linear time.
/// </summary>
public static partial class PriceTalk
{
    [GeneratedRegex(@"[¥￥]\s*\d|\d\s*元|(?:单价|价格|价钱|进价|报价|采购价|price|cost)\s*[:：]?\s*(?:是|为|is)?\s*[¥￥]?\s*\d",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MoneyFigure();

    public static bool Mentions(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 4_000
        && (QuoteParser.Parse(text).Count > 0 || MoneyFigure().IsMatch(StockReportParser.Normalize(text)));
}
