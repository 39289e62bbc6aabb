using Marten;
using MassTransit;
using Stationery.Chat.Alerts;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Bridge;

/// <summary>A stock report understood in a branch channel (published as <see cref="Contract.StockReportedInChat"/>).</summary>
public sealed record StockReported(Guid ChatMessageId, Guid ReplyMessageId, string Branch, string Sku, int Reported, int? Suggested,
    string ReportedBy, DateTimeOffset At);

/// <summary>
/// Reads every person's message in a branch channel after it is posted (never slowing the post): a stock report about one
/// catalogue product gets a card in its thread and goes to Inventory; one that could mean several products gets a question;
/// anything else is ordinary chat and is left alone. Its share of posted messages: <see cref="PostedMessageBusiness.StockReport"/>
/// (slash commands and price channels have readers of their own).
/// </summary>
public sealed class StockReportRecognizer(IDocumentStore store, ILogger<StockReportRecognizer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<Contract.MessagePosted>(store, log)
{
    protected override bool Concerns(Contract.MessagePosted m) => PostedMessages.BusinessOf(m) == PostedMessageBusiness.StockReport;

    protected override async Task Apply(IDocumentSession session, Contract.MessagePosted m, ConsumeContext<Contract.MessagePosted> context)
    {
        if (m.BranchId is not { } branch) return;
        if (await AnswerAsync(session, m, branch, texts, clock.GetUtcNow(), context.CancellationToken) is var count and > 0)
            log.LogInformation("Answered {Count} stock report(s) in {Channel}", count, m.ChannelId);
    }

    /// <summary>
    /// Answers the stock reports in <paramref name="m"/> in its thread (a card and a <see cref="StockReported"/> per product it
    /// names, a question where it could mean several); returns how many answers were written. The 盘点 channel's reader uses it
    /// too, for reports said there while no stocktake is open.
    /// </summary>
    public static async Task<int> AnswerAsync(IDocumentSession session, Contract.MessagePosted m, string branch, StockBotTexts texts,
        DateTimeOffset now, CancellationToken ct)
    {
        var reports = StockReportParser.Parse(m.Text);
        if (reports.Count == 0) return 0;
        var catalogue = await session.Query<CatalogueItem>().ToListAsync(ct);
        var answers = Answers(reports, catalogue, m, branch, texts).ToList();
        if (answers.Count == 0) return 0;

        var stream = await session.Events.FetchForWriting<Channel>(m.ChannelId, ct);
        var channel = stream.Aggregate;
        foreach (var (answer, report) in answers)
        {
            var posted = MessagePosting.Decide(channel, BotPosting.Command(answer, now), now);
            stream.AppendOne(posted);
            channel = Channel.Fold(channel, posted);
            if (report is { } r)
                stream.AppendOne(new StockReported(posted.ReplyTo!.Value, posted.MessageId, branch, r.Sku, r.Reported, r.Suggested, m.AuthorId, now));
        }
        return answers.Count;
    }

    private static IEnumerable<(BotMessage Answer, (string Sku, int Reported, int? Suggested)? Report)> Answers(IReadOnlyList<StockReport> reports,
        IReadOnlyList<CatalogueItem> catalogue, Contract.MessagePosted m, string branch, StockBotTexts texts)
    {
        var messageId = Guid.Parse(m.MessageId);
        foreach (var report in reports)
        {
            switch (ProductMatcher.Find(report, catalogue))
            {
                case ProductMatch.One(var product):
                    yield return (new BotMessage(texts.BotName, texts.StockReportText(m.AuthorName, product.Label, report.Reported), [], false,
                        messageId, texts.StockReportCard(branch, product, report)), (product.Id, report.Reported, report.Suggested));
                    break;
                case ProductMatch.Several(var candidates):
                    yield return (new BotMessage(texts.BotName, texts.WhichProduct([.. candidates.Select(c => c.Label)]), [m.AuthorId], false,
                        messageId), null);
                    break;
            }
        }
    }
}
