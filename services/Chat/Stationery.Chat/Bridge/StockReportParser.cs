using System.Text;
using System.Text.RegularExpressions;

namespace Stationery.Chat.Bridge;

public enum ReportFormat { House, FreeText }

/// <summary>
/// What a shop message says about stock: a product (as written, to be matched against the catalogue copy), the count the
/// writer sees on the shelf, and for the house format the quantity they suggest ordering.
/// </summary>
public sealed record StockReport(string Product, string? Spec, int Reported, int? Suggested, ReportFormat Format);

/// <summary>
/// Recognises stock reports in chat text. The house format <c>[商品名称][规格型号][当前库存][建议补货数量]</c> (half- or
/// full-width brackets, anywhere in the message, several per message) is exact; free text (<c>晨光荧光笔黄色款只剩3支</c>,
/// <c>还有三盒订书钉</c>, <c>中性笔没了</c>) yields a candidate that only counts if it names a catalogue product. Pure and
/// total: any input returns a (possibly empty) list, never throws.
/// </summary>
public static partial class StockReportParser
{
    public const int MaxQuantity = 100_000;
    private const string Units = "支|个|本|盒|包|件|套|张|把|瓶|卷|块|只|袋|箱|打|筒|排|枚|沓|册|副|对|根|条|台";
    private const string Number = "[0-9零〇一二两三四五六七八九十百千]+";

    [GeneratedRegex(@"\[(?<name>[^\[\]]+)\]\s*\[(?<spec>[^\[\]]*)\]\s*\[(?<count>[^\[\]]+)\](?:\s*\[(?<suggested>[^\[\]]+)\])?", RegexOptions.NonBacktracking)]
    private static partial Regex HouseFormat();

    [GeneratedRegex(@"(?<subject>[^,,。!!??;;:：\n]+?)(?:款|的)?\s*(?:只剩下?|还剩下?|就剩下?|仅剩|剩下?|还有)\s*(?<n>" + Number + @")\s*(?<unit>" + Units + ")?", RegexOptions.NonBacktracking)]
    private static partial Regex SubjectThenCount();

    [GeneratedRegex(@"(?:只剩下?|还剩下?|就剩下?|仅剩|还有)\s*(?<n>" + Number + @")\s*(?<unit>" + Units + @")\s*(?<subject>[^,,。!!??;;:：\n]+)", RegexOptions.NonBacktracking)]
    private static partial Regex CountThenSubject();

    [GeneratedRegex(@"(?<subject>[^,,。!!??;;:：\n]+?)(?:款|的)?\s*(?:没了|没有了|卖完了|卖光了|断货了|用完了|缺货了?)", RegexOptions.NonBacktracking)]
    private static partial Regex SoldOut();

    [GeneratedRegex(@"[吗么呢][?？]?\s*$|[?？]\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex Question();

    [GeneratedRegex("(" + Units + ")$", RegexOptions.NonBacktracking)]
    private static partial Regex TrailingUnit();

    [GeneratedRegex(@"@\S+\s*", RegexOptions.NonBacktracking)]
    private static partial Regex Mention();

    public static IReadOnlyList<StockReport> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4_000) return [];
        var normalized = Normalize(text);
        var house = HouseFormat().Matches(normalized)
            .Select(m => (m, count: ParseQuantity(m.Groups["count"].Value), suggested: m.Groups["suggested"].Success
                ? ParseQuantity(m.Groups["suggested"].Value) : null))
            .Where(x => x.count is not null && !string.IsNullOrWhiteSpace(x.m.Groups["name"].Value)
                        && (!x.m.Groups["suggested"].Success || x.suggested is not null))
            .Select(x => new StockReport(x.m.Groups["name"].Value.Trim(), Blank(x.m.Groups["spec"].Value), x.count!.Value, x.suggested,
                ReportFormat.House))
            .ToList();
        if (house.Count > 0) return house;
        if (Question().IsMatch(normalized)) return [];
        return FreeText(normalized) is { } report ? [report] : [];
    }

    private static StockReport? FreeText(string text)
    {
        foreach (var pattern in new[] { SubjectThenCount(), CountThenSubject() })
        {
            var m = pattern.Match(text);
            if (m.Success && ParseQuantity(m.Groups["n"].Value) is { } n && Subject(m.Groups["subject"].Value) is { } subject)
                return new StockReport(subject, null, n, null, ReportFormat.FreeText);
        }
        var soldOut = SoldOut().Match(text);
        return soldOut.Success && Subject(soldOut.Groups["subject"].Value) is { } gone
            ? new StockReport(gone, null, 0, null, ReportFormat.FreeText)
            : null;
    }

    /// <summary>Digits (half- or full-width) or Chinese numerals up to 千, with an optional unit after them.</summary>
    public static int? ParseQuantity(string raw)
    {
        var s = Normalize(raw).Trim();
        var unit = TrailingUnit().Match(s);
        if (unit.Success) s = s[..^unit.Length].TrimEnd();
        if (s.Length == 0 || s.Length > 12) return null;
        if (s.All(char.IsAsciiDigit)) return int.TryParse(s, out var n) && n <= MaxQuantity ? n : null;
        return ChineseNumber(s);
    }

    /// <summary>三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 两百 → 200, 三千二 → 3200 (spoken shorthand); 三四 → not a number.</summary>
    private static int? ChineseNumber(string s)
    {
        const string digits = "零〇一二两三四五六七八九";
        int[] values = [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9];
        var total = 0;
        var pending = -1;      // a digit waiting for its scale
        var lastScale = 10_000;
        var afterZero = false; // 一百零五: the 五 is units, not tens
        foreach (var c in s)
        {
            var index = digits.IndexOf(c);
            if (index >= 0)
            {
                if (pending > 0) return null;
                pending = values[index];
                if (pending == 0 && total > 0) afterZero = true;
                continue;
            }
            var scale = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (scale == 0 || scale >= lastScale || pending == 0) return null;
            if (pending < 0 && !(scale == 10 && total == 0)) return null;
            total += (pending < 0 ? 1 : pending) * scale;
            pending = -1;
            lastScale = scale;
        }
        if (pending > 0) total += afterZero || lastScale == 10_000 || lastScale == 10 ? pending : pending * lastScale / 10;
        return total <= MaxQuantity ? total : null;
    }

    private static string? Subject(string raw)
    {
        var s = Mention().Replace(raw, "").Trim().TrimEnd('款', '的').Trim();
        return s.Length is >= 2 and <= 60 && s.Any(char.IsLetter) ? s : null;
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Full-width digits, letters and brackets to half-width; 【】［］ to []; ideographic space to space.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '【' or '［' or '〔' => '[',
                '】' or '］' or '〕' => ']',
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' when c is not ('，' or '！' or '？' or '；' or '：') => (char)(c - 0xFEE0),
                _ => c,
            });
        }
        return sb.ToString();
    }
}
