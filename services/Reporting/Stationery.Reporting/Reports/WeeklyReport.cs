using System.Globalization;
using System.Text.RegularExpressions;

namespace Stationery.Reporting.Reports;

/// <summary>
/// 周报: one ISO week (Monday to Sunday, the branch's days), against the week before: totals of both, the week's days,
/// best sellers, categories with their change against the previous week, and the open reorder and slow-mover lists.
/// </summary>
public sealed record WeeklyReport(string Branch, string BranchName, string Week, DateOnly From, DateOnly To, string TimeZone,
    SalesTotals Totals, SalesTotals PreviousWeek, IReadOnlyList<DaySales> Days, IReadOnlyList<BestSeller> BestSellers,
    IReadOnlyList<CategorySales> Categories, IReadOnlyList<ReorderItem> ToReorder, IReadOnlyList<SlowMover> SlowMovers, string ChartUrl)
{
    public static string ChartPath(string branch, IsoWeek week) =>
        $"/api/reporting/branches/{Uri.EscapeDataString(branch)}/weekly.png?week={week}";

    public static WeeklyReport Build(ReportData data, IsoWeek week)
    {
        var (from, to) = (week.Monday, week.Sunday);
        var previous = week.Previous;
        var products = data.ProductsIn(from, to).ToList();
        return new WeeklyReport(data.Branch.Id, data.Branch.Name, week.ToString(), from, to, data.Branch.TimeZone,
            SalesTotals.Of(data.DaysIn(from, to)), SalesTotals.Of(data.DaysIn(previous.Monday, previous.Sunday)),
            SalesReport.Days(from, to, data.DaysIn(from, to)), SalesReport.BestSellers(products, data.Product),
            SalesReport.Categories(products, data.ProductsIn(previous.Monday, previous.Sunday), 1, data.Product),
            SalesReport.ToReorder(data.Watch, data.Product), SalesReport.SlowMovers(data.Watch, data.Product), ChartPath(data.Branch.Id, week));
    }
}

/// <summary>An ISO 8601 week, written <c>2025-W47</c>.</summary>
public readonly partial record struct IsoWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public IsoWeek Previous => Of(Monday.AddDays(-7));

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true }) return false;
        var (year, number) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        if (year is < 2000 or > 2999 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = new IsoWeek(year, number);
        return true;
    }

    public override string ToString() => $"{Year:D4}-W{Week:D2}";

    [GeneratedRegex(@"^(\d{4})-?W(\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
