using System.Text.RegularExpressions;

namespace Stationery.Hosting.Errors;

/// <summary>
/// Every field rule a 400 names, Chinese first: "必填 / is required". The services state their rules in English where they
/// check them (<see cref="Validation"/>); this table says the common ones in Chinese too, at the one place a validation
/// problem is written (<see cref="PlatformProblemDetails"/>). A rule already in Chinese is left as it is; a rule the table
/// does not know stays English (add it here).
/// </summary>
public static partial class FieldRules
{
    private static readonly (Regex English, string Chinese)[] Table =
    [
        (Rx("is required"), "必填"),
        (Rx("must not be empty"), "不能为空"),
        (Rx("must be greater than 0"), "必须大于 0"),
        (Rx("must be at least 1"), "至少为 1"),
        (Rx("must not be negative"), "不能为负数"),
        (Rx(@"must be at most (?<n>\d+) characters"), "最多 ${n} 个字符"),
        (Rx(@"must be at least (?<n>\d+) characters"), "至少 ${n} 个字符"),
        (Rx(@"must be (?<a>\d+) to (?<b>\d+) characters"), "须为 ${a} 至 ${b} 个字符"),
        (Rx(@"must be at most (?<n>\d+)"), "最多为 ${n}"),
        (Rx(@"must be between (?<a>\d+) and (?<b>\d+)( days)?"), "须在 ${a} 到 ${b} 之间"),
        (Rx("must not be in the past"), "不能早于现在"),
        (Rx("must not be in the future"), "不能晚于现在"),
        (Rx("must be within a year"), "须在一年之内"),
        (Rx("must contain at least one line"), "至少要有一行"),
        (Rx(@"must contain at most (?<n>\d+) lines"), "最多 ${n} 行"),
        (Rx("appears more than once"), "重复出现"),
        (Rx("must have at most 4 decimals"), "最多 4 位小数"),
        (Rx("must be in yuan with at most 2 decimals"), "以元为单位，最多 2 位小数"),
        (Rx("must be 2–32 characters of a-z, 0-9 and '-'"), "须为 2–32 位小写字母、数字或 '-'"),
        (Rx("must be 2–64 characters of letters, digits, '.', '_', '-' or '@', starting with a letter or digit"),
            "须为 2–64 位字母、数字、'.'、'_'、'-' 或 '@'，以字母或数字开头"),
        (Rx("may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit"),
            "只能包含字母、数字、'.'、'_' 和 '-'，并以字母或数字开头"),
        (Rx("must be an IANA time zone, e.g. Asia/Shanghai"), "须为 IANA 时区，例如 Asia/Shanghai"),
        (Rx(@"must be a valid EAN-13 barcode \(13 digits with a correct check digit\)"), "须为有效的 EAN-13 条码（13 位数字，校验位正确）"),
        (Rx("must be a date such as 2025-11-25"), "须为日期，例如 2025-11-25"),
        (Rx("must be an ISO week such as 2025-W47"), "须为 ISO 周，例如 2025-W47"),
        (Rx("must be a cursor from the previous page"), "须为上一页给出的游标"),
        (Rx("must not be reused with a different body"), "不能用于内容不同的请求"),
        (Rx("at least one role is required"), "至少要有一个角色"),
        (Rx("at least one branch is required unless the role is hq"), "除总部外至少要有一个门店"),
        (Rx("must be an active staff member of this chain"), "须为本连锁在职的员工"),
        (Rx(@"unknown sku '(?<sku>[^']*)': register the product in the catalogue first"), "商品 ${sku} 不在商品目录中，请先登记"),
        (Rx(@"unknown branch '(?<b>[^']*)'"), "门店 ${b} 不存在"),
        (Rx("is required and must not be 0"), "必填，且不能为 0"),
        (Rx("is required: one of (?<list>.+)"), "必填，取值之一：${list}"),
        (Rx("must be one of (?<list>.+)"), "须为以下之一：${list}"),
        (Rx("exactly one file is required"), "须正好上传一个文件"),
        (Rx("must take in at least one unit"), "至少要收货一件"),
    ];

    /// <summary>"中文 / English" for a rule the table knows; the rule itself otherwise (or when it is already in Chinese).</summary>
    public static string ChineseFirst(string rule)
    {
        if (HasChinese().IsMatch(rule)) return rule;
        foreach (var (english, chinese) in Table)
        {
            var match = english.Match(rule);
            if (match.Success) return $"{match.Result(chinese)} / {rule}";
        }
        return rule;
    }

    public static IDictionary<string, string[]> ChineseFirst(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(ChineseFirst).ToArray(), StringComparer.Ordinal);

    private static Regex Rx(string english) =>
        new($"^{english}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex HasChinese();
}
