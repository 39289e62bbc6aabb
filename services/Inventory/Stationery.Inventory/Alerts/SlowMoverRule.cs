using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Alerts;

/// <summary>
/// 滞销品: stock on the shelf that has not sold for longer than the product's threshold (its policy, or its category's
/// default), counted in whole days of the branch's calendar. One detection per episode; a sale ends it.
/// </summary>
public static class SlowMoverRule
{
    /// <summary>Paints and art materials turn slower than pens and exercise books.</summary>
    public static int DefaultThreshold(string category) => category switch
    {
        "颜料" or "美术用品" => 90,
        _ => 60,
    };

    public static int Threshold(ReorderPolicy policy, string category) => policy.SlowMoverDays ?? DefaultThreshold(category);

    /// <summary>库龄 brackets: 0-30, 31-60, 61-90, 90+.</summary>
    public static string AgeingBracket(int days) => days switch
    {
        <= 30 => "0-30",
        <= 60 => "31-60",
        <= 90 => "61-90",
        _ => "90+",
    };

    public static IReadOnlyList<object> Evaluate(StockItem? s, DateOnly today, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (s is null || s.SlowMover || s.OnHand <= 0 || (s.LastSoldAt ?? s.StockedAt) is not { } since) return [];
        var days = today.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime).DayNumber;
        var threshold = Threshold(s.Policy, s.Product.Category);
        if (days < threshold) return [];
        var sellThrough = Math.Round((decimal)s.TotalSold / (s.TotalSold + s.OnHand), 2);
        return [new SlowMoverDetected(s.Branch, s.Sku, s.Product.Name, s.Product.Spec, s.Product.Unit, s.OnHand, days, s.LastSoldAt,
            threshold, AgeingBracket(days), sellThrough, today, now)];
    }
}
