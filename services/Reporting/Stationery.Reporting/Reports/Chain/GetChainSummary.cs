using Stationery.Hosting.Security;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Reporting.Branches;
using Stationery.Reporting.Sales;

namespace Stationery.Reporting.Reports.Chain;

/// <summary>One branch's totals in the chain summary; <see cref="Share"/> is its part of the chain's revenue (0–1).</summary>
public sealed record BranchSummary(string Branch, string Name, decimal Revenue, int Units, int Tickets, decimal AverageTicket, decimal Share);

/// <summary>The chain over a range of days (each branch's own calendar days): every branch, best first, and the total.</summary>
public sealed record ChainSummary(DateOnly From, DateOnly To, SalesTotals Totals, IReadOnlyList<BranchSummary> Branches);

public static class GetChainSummary
{
    public const int MaxDays = 366;

    /// <summary>
    /// 全连锁汇总 for <c>?from=&amp;to=</c> (inclusive dates, default the seven days ending today in China time), hq and owner only.
    /// Every branch the chain has opened is listed, with zeros where nothing sold.
    /// </summary>
    public static void MapGetChainSummary(this RouteGroupBuilder api) =>
        api.MapGet("/chain/summary", async (string? from, string? to, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var last = to is null ? BranchCalendar.Day(clock.GetUtcNow(), BranchCalendar.Zone(null)) : ReportPeriods.ParseDate(to, "to");
            var first = from is null ? last.AddDays(-6) : ReportPeriods.ParseDate(from, "from");
            new Validation()
                .Require(first <= last, "from", "must not be after to")
                .Require(last.DayNumber - first.DayNumber < MaxDays, "to", $"the range may span at most {MaxDays} days")
                .ThrowIfInvalid();

            var (a, b) = (first.DayNumber, last.DayNumber);
            var days = await session.Query<BranchDaySales>().Where(d => d.DayNumber >= a && d.DayNumber <= b).ToListAsync(ct);
            var branches = await session.Query<BranchCopy>().ToListAsync(ct);
            var names = branches.ToDictionary(x => x.Id, x => x.Name);
            var chain = SalesTotals.Of(days);
            var rows = names.Keys.Union(days.Select(d => d.Branch))
                .Select(branch =>
                {
                    var t = SalesTotals.Of(days.Where(d => d.Branch == branch));
                    return new BranchSummary(branch, names.GetValueOrDefault(branch, branch), t.Revenue, t.Units, t.Tickets, t.AverageTicket,
                        chain.Revenue == 0 ? 0m : Math.Round(t.Revenue / chain.Revenue, 4));
                })
                .OrderByDescending(r => r.Revenue).ThenBy(r => r.Branch, StringComparer.Ordinal)
                .ToList();
            return TypedResults.Ok(new ChainSummary(first, last, chain, rows));
        }).RequirePermission("reports.chain").WithName("GetChainSummary");
}
