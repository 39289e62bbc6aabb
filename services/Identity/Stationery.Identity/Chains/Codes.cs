using System.Text.RegularExpressions;

namespace Stationery.Identity.Chains;

/// <summary>Chain and branch codes travel in tokens, URLs and every other service's data: short, lowercase, stable.</summary>
public static partial class Codes
{
    public const string Rule = "must be 2–32 characters of a-z, 0-9 and '-'";

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[a-z0-9-]{2,32}$")]
    private static partial Regex Pattern();
}
