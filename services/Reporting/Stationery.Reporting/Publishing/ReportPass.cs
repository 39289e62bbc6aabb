using Marten;
using Marten.Events;
using Stationery.Hosting.Scheduling;
using Stationery.Reporting.Branches;
using Stationery.Reporting.Reports;
using Stationery.Reporting.Sales;

namespace Stationery.Reporting.Publishing;

/// <summary>
/// 晚间报表: every evening from the branch's closing time (打烊时间, set in Identity; without one <c>Reporting:ReportAt</c>,
/// 21:30) on each branch's own clock, the day's report; on Sunday
/// evening also the week's. A pass that missed its evening (the service was down) issues the latest report that fell due
/// (yesterday's in the morning, last week's on Monday), never older ones. Each report is the first event of its own stream,
/// so when replicas race or a tick repeats, only one start of the stream commits and the report is published once.
/// A report waits until its branch-day has been quiet for <c>Reporting:SettleSeconds</c> and the read models have caught up,
/// so a burst of late sales (or a first start that is still reading history) is not cut off half-way. Time comes from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReportPass(IDocumentStore store, TimeProvider clock, IConfiguration config, IHostApplicationLifetime lifetime,
    ILogger<ReportPass> log) : PeriodicPass(lifetime, clock, log)
{
    public static readonly TimeOnly DefaultReportAt = new(21, 30);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Name => "evening report pass";

    protected override bool Enabled => config.GetValue("Reporting:ScheduledReports", true);

    private TimeOnly ReportAt => TimeOnly.TryParse(config["Reporting:ReportAt"], out var at) ? at : DefaultReportAt;

    private TimeSpan Settle => TimeSpan.FromSeconds(config.GetValue("Reporting:SettleSeconds", 30));

    /// <summary>Issues every report that is due and not issued yet, over every chain; returns how many this call issued.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<BranchCopy> branches;
        await using (var query = store.QuerySession())
            branches = await query.Query<BranchCopy>().Where(b => b.AnyTenant()).ToListAsync(ct);
        if (branches.Count == 0) return 0;
        try
        {
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Log.LogInformation("Report pass deferred: the sales read models are still catching up");
            return 0;
        }

        var now = Clock.GetUtcNow();
        var issued = 0;
        foreach (var branch in branches.Where(b => b.TenantId is not null))
        {
            var local = TimeZoneInfo.ConvertTime(now, branch.Zone);
            var today = DateOnly.FromDateTime(local.DateTime);
            var evening = TimeOnly.FromDateTime(local.DateTime) >= (branch.ClosingTime ?? ReportAt);
            var day = evening ? today : today.AddDays(-1);
            var sunday = today.AddDays(-(int)today.DayOfWeek);
            if (sunday == today && !evening) sunday = sunday.AddDays(-7);
            issued += await IssueDailyAsync(branch.TenantId!, branch, day, now, ct);
            issued += await IssueWeeklyAsync(branch.TenantId!, branch, IsoWeek.Of(sunday), now, ct);
        }
        return issued;
    }

    private async Task<int> IssueDailyAsync(string tenant, BranchCopy branch, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var streamId = DailyReportIssued.StreamId(branch.Id, day);
        if (await session.Events.FetchStreamStateAsync(streamId, ct) is not null) return 0;
        if (!await SettledAsync(session, branch, day, ct)) return 0;
        var data = await ReportData.LoadAsync(session, branch, DailyReport.ChartFrom(day), DailyReport.BaselineFrom(day), day, ct);
        if (!data.DaysIn(day, day).Any() && day < OpeningDay(branch)) return 0;
        session.Events.StartStream(streamId, DailyReportIssued.Of(DailyReport.Build(data, day), now));
        return await CommitAsync(session, tenant, streamId, ct);
    }

    private async Task<int> IssueWeeklyAsync(string tenant, BranchCopy branch, IsoWeek week, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var streamId = WeeklyReportIssued.StreamId(branch.Id, week);
        if (await session.Events.FetchStreamStateAsync(streamId, ct) is not null) return 0;
        if (!await SettledAsync(session, branch, week.Sunday, ct)) return 0;
        var data = await ReportData.LoadAsync(session, branch, week.Previous.Monday, week.Previous.Monday, week.Sunday, ct);
        if (!data.DaysIn(week.Monday, week.Sunday).Any() && week.Sunday < OpeningDay(branch)) return 0;
        session.Events.StartStream(streamId, WeeklyReportIssued.Of(WeeklyReport.Build(data, week), now));
        return await CommitAsync(session, tenant, streamId, ct);
    }

    private async Task<int> CommitAsync(IDocumentSession session, string tenant, string streamId, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            Log.LogInformation("Issued {Report} for {Tenant}", streamId, tenant);
            return 1;
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
            or JasperFx.ConcurrencyException)
        {
            Log.LogDebug("{Report} of {Tenant} was issued by another pass", streamId, tenant);
            return 0;
        }
    }

    /// <summary>
    /// The branch-day's last sale reached us at least <see cref="Settle"/> ago (measured against the event store's own append
    /// timestamps, hence the wall clock, not the scheduling clock). The projections have caught up when this is asked.
    /// </summary>
    private async Task<bool> SettledAsync(IDocumentSession session, BranchCopy branch, DateOnly day, CancellationToken ct)
    {
        if (Settle <= TimeSpan.Zero) return true;
        var sales = await session.LoadAsync<BranchDaySales>(BranchDaySales.IdFor(branch.Id, day), ct);
        return sales is null || DateTimeOffset.UtcNow - sales.LastRecordedAt >= Settle;
    }

    /// <summary>Days before the branch opened get a report only if they have sales (a chain moving its history in).</summary>
    private static DateOnly OpeningDay(BranchCopy branch) => BranchCalendar.Day(branch.OpenedAt, branch.Zone);
}
