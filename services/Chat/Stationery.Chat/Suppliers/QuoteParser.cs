using System.Globalization;
using System.Text.RegularExpressions;
using Stationery.Chat.Bridge;

namespace Stationery.Chat.Suppliers;

/// <summary>
/// A quote as a supplier writes it in its channel: the product as written (a SKU or a name, with an optional spec after a
/// space), the unit price, the minimum order quantity and, optionally, the pack size (orders are in whole packs) and the
/// last day it is valid.
/// </summary>
public sealed record PostedQuote(string Product, decimal UnitPrice, int MinOrderQty, DateOnly? ValidUntil, int? PackSize = null);

/// <summary>
/// Recognises <c>报价 [SKU或品名] 单价 起订量</c> lines, one quote per line: <c>报价 [HL-Y] 1.20 100</c>,
/// <c>报价【晨光荧光笔 黄色】¥1.2 起订100支 有效期至2026-12-31</c>, <c>报价 [NB-A5] 单价3.5元 起订量 50 本 有效期 2026/12/31</c>,
/// <c>报价 [HL-Y] 1.20 100 每盒10支</c> (also <c>10支/盒</c>, <c>包装 10</c>: the pack size, after the minimum).
/// Half- or full-width brackets and digits; the price may carry ¥/￥/元 and at most 4 decimals; the date is yyyy-MM-dd with
/// -, / or . (or yyyy年M月d日). Pure and total: any input gives a (possibly empty) list, never throws.
/// </summary>
public static partial class QuoteParser
{
    public const decimal MaxPrice = 1_000_000m;
    /// <summary>As Purchasing accepts a pack size from the API.</summary>
    public const int MaxPackSize = 100_000;

    [GeneratedRegex(@"^\s*报价\s*[:：]?\s*\[(?<product>[^\[\]]{1,100})\]\s*(?:单价\s*[:：]?\s*)?[¥￥]?\s*(?<price>\d+(?:\.\d+)?)\s*元?\s*(?:/\s*\S{1,2}\s*)?[,，]?\s*(?:起订量?\s*[:：]?\s*)?(?<min>[0-9零〇一二两三四五六七八九十百千]+)\s*(?<unit>[\p{IsCJKUnifiedIdeographs}]{0,1})(?:\s*[,，]?\s*(?:每\s*[包盒箱件打]\s*(?<pack>\d+)\s*[\p{IsCJKUnifiedIdeographs}]?|(?<pack>\d+)\s*[\p{IsCJKUnifiedIdeographs}]?\s*/\s*[包盒箱件打]|包装\s*[:：]?\s*(?<pack>\d+)\s*[\p{IsCJKUnifiedIdeographs}]?))?(?:\s*[,，]?\s*有效期?\s*(?:至|到)?\s*[:：]?\s*(?<valid>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?))?\s*[。.]?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex QuoteLine();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*[-/.年月]\s*", RegexOptions.NonBacktracking)]
    private static partial Regex DateSeparator();

    public static IReadOnlyList<PostedQuote> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4_000) return [];
        var quotes = new List<PostedQuote>();
        foreach (var line in StockReportParser.Normalize(text).Split('\n'))
        {
            var m = QuoteLine().Match(line);
            if (!m.Success) continue;
            var product = Spaces().Replace(m.Groups["product"].Value.Trim(), " ");
            if (product.Length == 0) continue;
            if (!decimal.TryParse(m.Groups["price"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
                || price <= 0 || price > MaxPrice || decimal.Round(price, 4) != price) continue;
            if (StockReportParser.ParseQuantity(m.Groups["min"].Value) is not { } min || min <= 0) continue;
            DateOnly? valid = null;
            if (m.Groups["valid"].Success)
            {
                if (Date(m.Groups["valid"].Value) is not { } day) continue;
                valid = day;
            }
            int? pack = null;
            if (m.Groups["pack"].Success)
            {
                if (!int.TryParse(m.Groups["pack"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is <= 0 or > MaxPackSize)
                    continue;
                pack = size;
            }
            quotes.Add(new PostedQuote(product, price, min, valid, pack));
        }
        return quotes;
    }

    private static DateOnly? Date(string raw)
    {
        var parts = DateSeparator().Split(raw.Trim().TrimEnd('日'));
        return parts.Length == 3 && int.TryParse(parts[0], out var y) && int.TryParse(parts[1], out var mo) && int.TryParse(parts[2], out var d)
               && y is >= 2000 and <= 9999 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)
            ? new DateOnly(y, mo, d)
            : null;
    }
}
