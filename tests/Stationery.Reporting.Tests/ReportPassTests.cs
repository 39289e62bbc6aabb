using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Reporting;
using Stationery.Reporting.Publishing;
using Stationery.Testing;
using static Stationery.Reporting.Tests.KnownHistory;

namespace Stationery.Reporting.Tests;

/// <summary>The evening pass on a clock the test moves: each report goes out once per branch and period, however often it runs.</summary>
public sealed class ReportPassTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private IReadOnlyList<DailyReportPublished> Daily(string branch, DateOnly date) =>
        host.Bus.Received<DailyReportPublished>().Where(r => r.BranchId == branch && r.Date == date).ToList();

    [Fact]
    public async Task The_evening_pass_publishes_each_branch_days_report_once_even_when_replicas_run_it_together()
    {
        var pass = host.Reporting.Service<ReportPass>();

        // 25 Nov, 21:00 in Shanghai: the day's report is not due yet; the latest due are the 24th's and last week's (W47).
        host.Clock.Now = At(Day, 21, 0);
        await Task.WhenAll(pass.RunOnceAsync(CancellationToken.None), pass.RunOnceAsync(CancellationToken.None));
        await Probe.Until(() => Task.FromResult(Daily("main", Day.AddDays(-1)).Count), n => n == 1, what: "the 24th's report");
        Daily("main", Day).ShouldBeEmpty();
        await Probe.Until(() => Task.FromResult(host.Bus.Received<WeeklyReportPublished>().Count(w => w.BranchId == "main" && w.Week == "2025-W47")),
            n => n == 1, what: "last week's report");

        // A stocktake completed at main that evening goes out with the day's report.
        await host.Bus.Publish(new StocktakeCompleted(ReportingHost.Tenant, "main", "ST-20251125-PASS01", "cycle", 40, 400, 6, 0.985m, 3000.00m, 30.00m,
            0.99m, 2, "张店长", At(Day, 18, 0)));
        using (var owner = host.Owner())
            await Probe.Until(async () => (await owner.GetFromJsonAsync<JsonElement>($"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}"))
                .GetProperty("stocktakes").GetArrayLength(), n => n == 1, what: "the stocktake in the read models");

        // 21:31: two replicas at once, then a later tick: one report for the 25th.
        host.Clock.Now = At(Day, 21, 31);
        var issued = await Task.WhenAll(pass.RunOnceAsync(CancellationToken.None), pass.RunOnceAsync(CancellationToken.None));
        (await pass.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
        issued.Sum().ShouldBe(2, "main's and east's reports of the 25th, each issued by one of the two passes");

        var report = (await Probe.Until(() => Task.FromResult(Daily("main", Day)), r => r.Count > 0, what: "the 25th's report")).Single();
        (report.TenantId, report.BranchName, report.Revenue, report.Units, report.Tickets).ShouldBe((ReportingHost.Tenant, "总店", 76.00m, 16, 3));
        report.TopItems.Select(i => (i.Sku, i.Name, i.Quantity, i.Unit)).ShouldBe(
            [(Pen, "晨光中性笔 0.5 黑", 13, "支"), (Notebook, "得力笔记本 A5", 2, "本"), (Paint, "马利水彩 12色", 1, "盒")]);
        report.FallingCategories.ShouldBe(["本册"]);
        (report.ReorderCount, report.SlowMoverCount).ShouldBe((2, 1));
        report.Stocktakes.ShouldNotBeNull().Select(t => (t.StocktakeId, t.Kind, t.SkusCounted, t.VarianceUnits, t.AccuracyUnits, t.AccuracyValue, t.Adjustments))
            .ShouldBe([("ST-20251125-PASS01", "cycle", 40, 6, 0.985m, 0.99m, 2)]);
        report.ChartUrl.ShouldBe("/api/reporting/branches/main/daily.png?date=2025-11-25");
        // The chart itself travels with the report, for the chat members who may not read the address (clerks).
        using (var chart = SkiaSharp.SKBitmap.Decode(report.ChartPng.ShouldNotBeNull()))
            (chart.Width, chart.Height).ShouldBe((900, 420), "the 14-day revenue chart, as daily.png draws it");

        // The next evening's report comes out behind any duplicate of the 25th's (the outbox publishes in order): there is none.
        host.Clock.Now = At(Day.AddDays(1), 22, 0);
        await pass.RunOnceAsync(CancellationToken.None);
        await Probe.Until(() => Task.FromResult(Daily("main", Day.AddDays(1)).Count), n => n == 1, what: "the 26th's report");
        Daily("main", Day).Count.ShouldBe(1);
        Daily("east", Day).Single().Revenue.ShouldBe(10.00m);
        Daily("east", Day).Single().Stocktakes.ShouldBeNull();
        Daily("main", Day.AddDays(1)).Single().Revenue.ShouldBe(150.00m);

        await using var session = host.Reporting.Service<IDocumentStore>().QuerySession(ReportingHost.Tenant);
        (await session.Events.FetchStreamAsync(DailyReportIssued.StreamId("main", Day))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Sunday_evening_publishes_the_weeks_report()
    {
        var pass = host.Reporting.Service<ReportPass>();
        host.Clock.Now = At(new DateOnly(2025, 11, 30), 21, 45);
        await pass.RunOnceAsync(CancellationToken.None);
        var week = await Probe.Until(() => Task.FromResult(host.Bus.Received<WeeklyReportPublished>().Where(w => w.BranchId == "main" && w.Week == "2025-W48").ToList()),
            w => w.Count > 0, what: "main's report of W48");
        var report = week.Single();
        (report.From, report.To, report.Revenue, report.Units, report.Tickets).ShouldBe((new DateOnly(2025, 11, 24), new DateOnly(2025, 11, 30), 316.00m, 32, 5));
        report.FallingCategories.ShouldBe(["本册", "笔类"]);
        report.ChartUrl.ShouldBe("/api/reporting/branches/main/weekly.png?week=2025-W48");
        report.ChartPng.ShouldNotBeNull().Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
    }
}
