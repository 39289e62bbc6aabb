using System.Globalization;
using Stationery.Hosting.Errors;
using Stationery.Reporting.Branches;

namespace Stationery.Reporting.Reports;

/// <summary>The days and weeks a report route is asked for: <c>?date=2025-11-25</c>, <c>?week=2025-W47</c>, by default the branch's today.</summary>
public static class ReportPeriods
{
    public static DateOnly Today(BranchCopy branch, TimeProvider clock) => BranchCalendar.Day(clock.GetUtcNow(), branch.Zone);

    public static DateOnly Date(string? date, BranchCopy branch, TimeProvider clock) =>
        date is null ? Today(branch, clock) : ParseDate(date, "date");

    public static IsoWeek Week(string? week, BranchCopy branch, TimeProvider clock)
    {
        if (week is null) return IsoWeek.Of(Today(branch, clock));
        if (!IsoWeek.TryParse(week, out var parsed))
        {
            new Validation().Require(false, "week", "must be an ISO week such as 2025-W47").ThrowIfInvalid();
        }
        return parsed;
    }

    public static DateOnly ParseDate(string text, string field)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2000)
            new Validation().Require(false, field, "must be a date such as 2025-11-25").ThrowIfInvalid();
        return day;
    }
}
