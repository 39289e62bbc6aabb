using System.Net;
using SkiaSharp;
using Stationery.Contracts.Reporting;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Reporting's evening reports become cards in the branch's 门店群.</summary>
public sealed class ReportCardTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task The_daily_report_is_posted_once_as_a_card_in_the_branch_group_with_the_figures_and_the_chart()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var clerkEast = fixture.ClientFor("clerk-east");
        var messageId = Guid.NewGuid();
        var report = new DailyReportPublished(ChatFixture.Tenant, "main", "总店", new DateOnly(2025, 11, 25), 1234.5m, 321, 87,
            [new ReportTopItem("P1", "晨光中性笔 0.5 黑", 40, "支", 80m), new ReportTopItem("P2", "得力笔记本 A5", 12, "本", 120m),
                new ReportTopItem("P3", "马利水彩 12色", 5, "盒", 150m), new ReportTopItem("P4", "得力文件夹 A4 蓝", 2, "个", 16m)],
            ["本册"], 4, 2, "/api/reporting/branches/main/daily.png?date=2025-11-25", DateTimeOffset.UtcNow);
        await fixture.Publish(report, messageId);
        await fixture.Publish(report, messageId);

        var posted = (await Probe.Until(() => ChatFixture.MessagesAsync(clerk, "main-group"),
            h => h.Any(m => m.Card?.Kind == "daily-report"), what: "the report card in main's 门店群")).Single(m => m.Card?.Kind == "daily-report");
        posted.AuthorId.ShouldBe("bot");
        posted.Important.ShouldBeFalse("a report informs; it does not break through a muted group");
        posted.Card!.Title.ShouldBe("📊 今日销售日报 11月25日");
        posted.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([
            ("营业额", "¥1,234.50"), ("销量", "321 件"), ("热销", "晨光中性笔 0.5 黑 ×40、得力笔记本 A5 ×12、马利水彩 12色 ×5"),
            ("下滑品类", "本册"), ("待补货", "4 项"), ("滞销", "2 项"), ("图表", "/api/reporting/branches/main/daily.png?date=2025-11-25")]);
        posted.Card.Actions.ShouldBeEmpty();
        posted.Text.ShouldContain("营业额 ¥1,234.50");

        // A later message in the same channel proves the redelivery had its chance: still one card.
        await fixture.Publish(report with { Date = new DateOnly(2025, 11, 26) });
        await Probe.Until(() => ChatFixture.MessagesAsync(clerk, "main-group"),
            h => h.Any(m => m.Card?.Title == "📊 今日销售日报 11月26日"), what: "the next day's card");
        (await ChatFixture.MessagesAsync(clerk, "main-group")).Count(m => m.Card?.Title == "📊 今日销售日报 11月25日").ShouldBe(1);
        (await ChatFixture.MessagesAsync(clerkEast, "east-group")).ShouldNotContain(m => m.Card != null && m.Card.Kind == "daily-report");
    }

    /// <summary>A real PNG, as Reporting's chart is: 300×140, a distinctive colour, so its bytes cannot be confused with another's.</summary>
    private static byte[] ChartPng()
    {
        using var bitmap = new SKBitmap(300, 140);
        bitmap.Erase(new SKColor(37, 99, 235));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public async Task The_daily_reports_chart_is_an_image_on_the_card_that_every_member_of_the_group_clerks_included_can_open_and_no_one_else()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var clerkEast = fixture.ClientFor("clerk-east");
        var png = ChartPng();
        var report = new DailyReportPublished(ChatFixture.Tenant, "main", "总店", new DateOnly(2025, 12, 2), 456.7m, 89, 12,
            [new ReportTopItem("P1", "晨光中性笔 0.5 黑", 40, "支", 80m)], [], 1, 0, "/api/reporting/branches/main/daily.png?date=2025-12-02",
            DateTimeOffset.UtcNow) { ChartPng = png };
        await fixture.Publish(report);

        var posted = (await Probe.Until(() => ChatFixture.MessagesAsync(clerk, "main-group"),
            h => h.Any(m => m.Card?.Title == "📊 今日销售日报 12月2日"), what: "the report card with its chart")).Single(m => m.Card?.Title == "📊 今日销售日报 12月2日");
        var chart = posted.Attachments!.ShouldHaveSingleItem();
        (chart.ContentType, chart.Size, chart.FileName, chart.HasThumbnail).ShouldBe(("image/png", (long)png.Length, "main-2025-12-02.png", true));
        posted.Card!.ImageId.ShouldBe(chart.Id, "the card shows the message's chart as its picture");
        posted.Card.Fields.Select(f => f.Label).ShouldNotContain("图表", "the image replaces the address a clerk could not open");

        using var image = await clerk.GetAsync($"api/chat/attachments/{chart.Id}");
        image.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await image.Content.ReadAsByteArrayAsync()).ShouldBe(png);
        (await clerk.GetAsync($"api/chat/attachments/{chart.Id}/thumbnail")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clerkEast.GetAsync($"api/chat/attachments/{chart.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "east's clerk is not in main's group");
    }

    [Fact]
    public async Task The_weekly_report_is_posted_in_the_branch_group_with_its_dates()
    {
        using var owner = fixture.ClientFor("owner");
        await fixture.Publish(new WeeklyReportPublished(ChatFixture.Tenant, "east", "东区店", "2025-W48", new DateOnly(2025, 11, 24),
            new DateOnly(2025, 11, 30), 5000m, 900, 300, [], [], 0, 0, "/api/reporting/branches/east/weekly.png?week=2025-W48", DateTimeOffset.UtcNow));
        var card = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-group"),
            h => h.Any(m => m.Card?.Kind == "weekly-report"), what: "the weekly card")).Single(m => m.Card?.Kind == "weekly-report").Card!;
        card.Title.ShouldBe("📊 本周销售周报 11月24日–11月30日");
        card.Fields.Select(f => f.Label).ShouldBe(["营业额", "销量", "热销", "待补货", "滞销", "图表"]);
        card.Fields.Single(f => f.Label == "热销").Value.ShouldBe("无");
    }
}
