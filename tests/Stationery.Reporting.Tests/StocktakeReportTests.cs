using System.Net;
using System.Text.Json;
using Stationery.Contracts.Inventory;
using Stationery.Testing;
using static Stationery.Reporting.Tests.KnownHistory;

namespace Stationery.Reporting.Tests;

/// <summary>盘点 in the daily report: a completed stocktake shows on the branch's day it was completed, with its accuracy.</summary>
public sealed class StocktakeReportTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private static async Task<JsonElement> DailyAsync(HttpClient client, string branch, DateOnly day)
    {
        using var response = await client.GetAsync($"api/reporting/branches/{branch}/daily?date={day:yyyy-MM-dd}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task A_stocktake_completed_just_after_midnight_shows_with_its_accuracy_in_that_days_report_once_however_often_delivered()
    {
        using var owner = host.Owner();
        var day = Day.AddDays(-3);
        // 00:20 in Shanghai is still the day before in UTC: the stocktake belongs to the branch's own day.
        var completed = new StocktakeCompleted(ReportingHost.Tenant, "main", "ST-20251122-A1B2C3", "full", 120, 1000, 12, 0.988m, 8000.00m, 150.00m,
            0.98125m, 3, "张店长", At(day, 0, 20));
        var messageId = Guid.NewGuid();
        await host.Bus.Publish(completed, messageId);
        await host.Bus.Publish(completed, messageId);
        await host.Bus.Publish(completed);

        var report = await Probe.Until(() => DailyAsync(owner, "main", day), r => r.GetProperty("stocktakes").GetArrayLength() > 0,
            what: "the stocktake in the daily report");

        var line = report.GetProperty("stocktakes").EnumerateArray().ShouldHaveSingleItem();
        (line.GetProperty("stocktakeId").GetString(), line.GetProperty("kind").GetString(), line.GetProperty("skusCounted").GetInt32(),
            line.GetProperty("expectedUnits").GetInt32(), line.GetProperty("varianceUnits").GetInt32(), line.GetProperty("adjustments").GetInt32(),
            line.GetProperty("completedBy").GetString()).ShouldBe(("ST-20251122-A1B2C3", "full", 120, 1000, 12, 3, "张店长"));
        (line.GetProperty("accuracyUnits").GetDecimal(), line.GetProperty("accuracyValue").GetDecimal(), line.GetProperty("expectedValue").GetDecimal(),
            line.GetProperty("varianceValue").GetDecimal()).ShouldBe((0.988m, 0.98125m, 8000.00m, 150.00m));
        (await DailyAsync(owner, "main", day.AddDays(-1))).GetProperty("stocktakes").GetArrayLength().ShouldBe(0, "UTC's date is not the branch's");
        (await DailyAsync(owner, "east", day)).GetProperty("stocktakes").GetArrayLength().ShouldBe(0);
    }
}
