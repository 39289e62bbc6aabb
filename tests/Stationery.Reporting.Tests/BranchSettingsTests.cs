using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Reporting;
using Stationery.Reporting.Publishing;
using Stationery.Testing;
using static Stationery.Reporting.Tests.KnownHistory;

namespace Stationery.Reporting.Tests;

/// <summary>Identity's branch settings reach the reports: the new name, and the evening report at the branch's closing time.</summary>
public sealed class BranchSettingsTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    [Fact]
    public async Task A_branch_closing_at_eight_gets_its_days_report_at_eight_under_its_new_name()
    {
        var opened = At(new DateOnly(2025, 11, 1), 9, 0);
        await host.Bus.Publish(new BranchOpened(ReportingHost.Tenant, "west", "西区店", "Asia/Shanghai", opened));
        await host.Bus.Publish(new BranchSettingsChanged(ReportingHost.Tenant, "west", "西区人民路店", "Asia/Shanghai", new TimeOnly(20, 0),
            opened.AddHours(2)));

        using var hq = host.ClientFor("hq", ["hq"], []);
        var day = Day.ToString("yyyy-MM-dd");
        await Probe.Until(async () => await hq.GetFromJsonAsync<JsonElement>($"api/reporting/branches/west/daily?date={day}"),
            r => r.GetProperty("branchName").GetString() == "西区人民路店", what: "west's report under its new name");

        var pass = host.Reporting.Service<ReportPass>();
        host.Clock.Now = At(Day, 20, 5);
        await pass.RunOnceAsync(CancellationToken.None);
        var west = await Probe.Until(
            () => Task.FromResult(host.Bus.Received<DailyReportPublished>().Where(r => r.BranchId == "west" && r.Date == Day).ToList()),
            r => r.Count > 0, what: "west's report of the day at 20:05, after its 20:00 closing");
        west.Single().BranchName.ShouldBe("西区人民路店");
        host.Bus.Received<DailyReportPublished>().ShouldNotContain(r => r.BranchId == "main" && r.Date == Day,
            "main keeps the default 21:30: at 20:05 its day is not over");
    }
}
