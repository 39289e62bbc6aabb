using System.Globalization;
using Marten;
using MassTransit;
using Stationery.Chat.Attachments;
using Stationery.Chat.Attachments.Thumbnails;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Reporting;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Reports;

/// <summary>
/// Reporting's evening reports as cards in the branch's 门店群 (<c>{branch}-group</c>): 营业额, 销量, 热销, 待补货, 滞销 and
/// the chart, stored as an attachment of the card's message so every member of the group (clerks included) can open it;
/// a report without a chart (published before charts travelled with reports) names the chart's address instead.
/// Only sales figures: the reports carry no cost, so nothing needs hiding from the group.
/// </summary>
public static class ReportCards
{
    public const string BotName = "经营助手";
    public const string DailyKind = "daily-report";
    public const string WeeklyKind = "weekly-report";
    private const int TopShown = 3;

    public static BotMessage Daily(DailyReportPublished r, AttachmentRef? chart)
    {
        var title = $"📊 今日销售日报 {MonthDay(r.Date)}";
        CardField[] fields = [.. Fields(r.Revenue, r.Units, r.TopItems, r.FallingCategories, r.ReorderCount, r.SlowMoverCount,
            chart is null ? r.ChartUrl : null), .. (r.Stocktakes ?? []).Select(Stocktake)];
        var card = new Card(DailyKind, title, fields, [], Card.Open, null, null, r.BranchId, null, ImageId: chart?.Id);
        return new BotMessage(BotName, $"{title}:营业额 {Money(r.Revenue)},销量 {r.Units} 件", [], Important: false, Card: card,
            Attachments: chart is null ? null : [chart]);
    }

    public static BotMessage Weekly(WeeklyReportPublished r, AttachmentRef? chart)
    {
        var title = $"📊 本周销售周报 {MonthDay(r.From)}–{MonthDay(r.To)}";
        var card = new Card(WeeklyKind, title, Fields(r.Revenue, r.Units, r.TopItems, r.FallingCategories, r.ReorderCount, r.SlowMoverCount,
            chart is null ? r.ChartUrl : null), [], Card.Open, null, null, r.BranchId, null, ImageId: chart?.Id);
        return new BotMessage(BotName, $"{title}:营业额 {Money(r.Revenue)},销量 {r.Units} 件", [], Important: false, Card: card,
            Attachments: chart is null ? null : [chart]);
    }

    /// <summary>
    /// Stores a report's chart as an attachment posted in <paramref name="channelId"/> (with its thumbnail), in the caller's
    /// session; null when the report brought no chart or the bytes are not a PNG.
    /// </summary>
    public static AttachmentRef? StoreChart(IDocumentSession session, byte[]? png, string channelId, string fileName,
        DateTimeOffset now)
    {
        if (png is not { Length: > 0 } || ContentSniffing.Sniff(png.AsSpan(0, Math.Min(png.Length, ContentSniffing.HeaderLength))) != "image/png")
            return null;
        var thumbnail = ThumbnailMaker.Make(png);
        var attachment = new Attachment(Guid.CreateVersion7(now), ChatBot.Id, fileName, "image/png", png.Length, now, [channelId],
            thumbnail is null ? null : Thumbnail.ContentType);
        session.Store(attachment);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        AttachmentContent.Store(session, schema, attachment.Id, png);
        if (thumbnail is not null) AttachmentContent.Store(session, schema, attachment.Id, thumbnail.Content, AttachmentContent.ThumbnailTable);
        return attachment.Ref;
    }

    private static CardField[] Fields(decimal revenue, int units, IReadOnlyList<ReportTopItem> top, IReadOnlyList<string> falling,
        int reorder, int slow, string? chartUrl)
    {
        var fields = new List<CardField>
        {
            new("营业额", Money(revenue)),
            new("销量", $"{units} 件"),
            new("热销", top.Count == 0 ? "无" : string.Join("、", top.Take(TopShown).Select(t => $"{t.Name} ×{t.Quantity}"))),
        };
        if (falling.Count > 0) fields.Add(new("下滑品类", string.Join("、", falling)));
        fields.Add(new("待补货", $"{reorder} 项"));
        fields.Add(new("滞销", $"{slow} 项"));
        if (chartUrl is not null) fields.Add(new("图表", chartUrl));
        return [.. fields];
    }

    /// <summary>盘点 ST-…: its accuracy by units and by value, and what was booked.</summary>
    private static CardField Stocktake(ReportStocktake s) => new($"盘点 {s.StocktakeId}",
        $"{(s.Kind == "cycle" ? "循环盘点" : "全盘")} {s.SkusCounted} 种，准确率 {Percent(s.AccuracyUnits)}（金额 {Percent(s.AccuracyValue)}），"
        + $"差异 {s.VarianceUnits} 件，调整 {s.Adjustments} 笔");

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string MonthDay(DateOnly d) => $"{d.Month}月{d.Day}日";

    private static string Money(decimal m) => "¥" + m.ToString("#,0.00", CultureInfo.InvariantCulture);
}

/// <summary>A branch day's report → its card in the branch's 门店群 (the channel is opened if the report outran it).</summary>
public sealed class DailyReportPublishedConsumer(IDocumentStore store, ILogger<DailyReportPublishedConsumer> log, TimeProvider clock)
    : IdempotentConsumer<DailyReportPublished>(store, log)
{
    protected override async Task Apply(IDocumentSession session, DailyReportPublished report, ConsumeContext<DailyReportPublished> context)
    {
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, context.CancellationToken) ?? ChatDirectory.Empty;
        var now = clock.GetUtcNow();
        var chart = ReportCards.StoreChart(session, report.ChartPng, BranchChannels.Id(report.BranchId, BranchTopic.General),
            $"{report.BranchId}-{report.Date:yyyy-MM-dd}.png", now);
        await BotPosting.PostToBranchAsync(session, directory, report.BranchId, BranchTopic.General, ReportCards.Daily(report, chart), now,
            context.CancellationToken);
    }
}

/// <summary>A branch week's report → its card in the branch's 门店群.</summary>
public sealed class WeeklyReportPublishedConsumer(IDocumentStore store, ILogger<WeeklyReportPublishedConsumer> log, TimeProvider clock)
    : IdempotentConsumer<WeeklyReportPublished>(store, log)
{
    protected override async Task Apply(IDocumentSession session, WeeklyReportPublished report, ConsumeContext<WeeklyReportPublished> context)
    {
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, context.CancellationToken) ?? ChatDirectory.Empty;
        var now = clock.GetUtcNow();
        var chart = ReportCards.StoreChart(session, report.ChartPng, BranchChannels.Id(report.BranchId, BranchTopic.General),
            $"{report.BranchId}-{report.Week}.png", now);
        await BotPosting.PostToBranchAsync(session, directory, report.BranchId, BranchTopic.General, ReportCards.Weekly(report, chart), now,
            context.CancellationToken);
    }
}
