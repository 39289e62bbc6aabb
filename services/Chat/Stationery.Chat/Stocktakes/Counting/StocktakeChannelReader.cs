using Marten;
using MassTransit;
using Stationery.Chat.Alerts;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Stocktakes.Counting;

/// <summary>
/// A count said in the 盘点 channel during a stocktake (published as <see cref="StocktakeCountReportedInChat"/>), answered by
/// the bot's card <see cref="ReplyMessageId"/> in the message's thread. Carries the counter's roles and branches as the
/// directory knows them, for Inventory to check again.
/// </summary>
public sealed record StocktakeCountReported(Guid ChatMessageId, Guid ReplyMessageId, string Branch, string StocktakeId, string Sku, int Counted,
    string UserId, string UserName, string[] Roles, string[] Branches, DateTimeOffset At);

/// <summary>
/// Reads every person's message in a branch's 盘点 channel (<see cref="PostedMessageBusiness.StocktakeChannel"/>). While a
/// stocktake is open there, each house-format report (<c>[水彩本][16K][10]</c>, read by the same <see cref="StockReportParser"/>
/// and <see cref="ProductMatcher"/> as stock reports) is a count toward the counter's zone: a card "计数中…" in its thread and a
/// request to Inventory — never the stock-report comparison, and never the book figure. Free text is discussion then (people
/// talk about variances there). While none is open, the channel's reports are ordinary stock reports.
/// </summary>
public sealed class StocktakeChannelReader(IDocumentStore store, ILogger<StocktakeChannelReader> log, TimeProvider clock, StockBotTexts stockTexts,
    IConfiguration config) : IdempotentConsumer<Contract.MessagePosted>(store, log)
{
    protected override bool Concerns(Contract.MessagePosted m) => PostedMessages.BusinessOf(m) == PostedMessageBusiness.StocktakeChannel;

    protected override async Task Apply(IDocumentSession session, Contract.MessagePosted m, ConsumeContext<Contract.MessagePosted> context)
    {
        if (m.BranchId is not { } branch) return;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        if (await ChatStocktake.ForCountAsync(session, branch, m.AuthorId, ct) is not { } stocktake)
        {
            await StockReportRecognizer.AnswerAsync(session, m, branch, stockTexts, now, ct);
            return;
        }

        var reports = StockReportParser.Parse(m.Text).Where(r => r.Format == ReportFormat.House).ToList();
        if (reports.Count == 0) return;
        var texts = StocktakeTexts.For(config);
        var catalogue = await session.Query<CatalogueItem>().ToListAsync(ct);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var counter = directory.Users.GetValueOrDefault(m.AuthorId);
        var thread = Guid.Parse(m.MessageId);

        var stream = await session.Events.FetchForWriting<Channel>(m.ChannelId, ct);
        var channel = stream.Aggregate;
        foreach (var report in reports)
        {
            var match = ProductMatcher.Find(report, catalogue);
            var answer = match switch
            {
                ProductMatch.One(var p) => new BotMessage(texts.BotName, texts.CountText(m.AuthorName, p.Label.Name, p.Unit, report.Reported, stocktake.Id),
                    [], false, thread, texts.CountCard(branch, stocktake.Id, p.Id, p.Label.Name, p.Unit, report.Reported, m.AuthorName)),
                ProductMatch.Several(var candidates) => new BotMessage(texts.BotName, stockTexts.WhichProduct([.. candidates.Select(c => c.Label)]),
                    [m.AuthorId], false, thread),
                _ => new BotMessage(texts.BotName, texts.UnknownProduct(report.Spec is null ? report.Product : $"{report.Product} {report.Spec}"),
                    [m.AuthorId], false, thread),
            };
            var posted = MessagePosting.Decide(channel, BotPosting.Command(answer, now), now);
            stream.AppendOne(posted);
            channel = Channel.Fold(channel, posted);
            if (match is ProductMatch.One(var product))
                stream.AppendOne(new StocktakeCountReported(thread, posted.MessageId, branch, stocktake.Id, product.Id, report.Reported, m.AuthorId,
                    m.AuthorName, counter?.Roles ?? [], counter?.Branches ?? [], now));
        }
        log.LogInformation("Answered {Count} stocktake count(s) in {Channel}", reports.Count, m.ChannelId);
    }
}

/// <summary>Inventory answered a count said in chat: its card says where it counted, or why not — never the book figure.</summary>
public sealed class StocktakeCountAnsweredConsumer(IDocumentStore store, ILogger<StocktakeCountAnsweredConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<StocktakeCountAnswered>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StocktakeCountAnswered a, ConsumeContext<StocktakeCountAnswered> context)
    {
        if (!Guid.TryParse(a.ReplyMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        if (await session.LoadAsync<ChatMessage>(messageId, ct) is not { Card: { Kind: StocktakeTexts.CountKind } card } message) return;
        if (card.Status == Card.Done && card.Resolution == a.Explanation) return;
        var answered = StocktakeTexts.For(config).Answered(card, a);
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, answered, message.Text, message.Mentions, clock.GetUtcNow()));
    }
}
