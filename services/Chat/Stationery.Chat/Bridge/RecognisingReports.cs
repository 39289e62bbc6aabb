using Marten;
using MassTransit;
using Stationery.Chat.Alerts;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Chat.Suppliers;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Bridge;

/// <summary>A stock report understood in a branch channel (published as <see cref="Contract.StockReportedInChat"/>).</summary>
/// <summary><c>/补货</c> in a branch channel (published as <see cref="Stationery.Contracts.Purchasing.PurchaseRequestedFromChat"/>, linked to the bot's card).</summary>
public sealed record RestockRequested(Guid CardMessageId, string Branch, string Sku, int Quantity, string UserId, DateTimeOffset At);

public sealed record StockReported(Guid ChatMessageId, Guid ReplyMessageId, string Branch, string Sku, int Reported, int? Suggested,
    string ReportedBy, DateTimeOffset At);

/// <summary>
/// Reads every person's message in a branch channel after it is posted (never slowing the post): a stock report about one
/// catalogue product gets a card in its thread and goes to Inventory; one that could mean several products gets a question;
/// anything else is ordinary chat and is left alone. Slash commands are answered here too, in any channel (one consumer
/// per message type: the processed-message record is keyed by the message alone), and so are quotes in suppliers' price channels.
/// </summary>
public sealed class StockReportRecognizer(IDocumentStore store, ILogger<StockReportRecognizer> log, TimeProvider clock, StockBotTexts texts,
    SupplierBotTexts supplierTexts)
    : IdempotentConsumer<Contract.MessagePosted>(store, log)
{
    protected override async Task Apply(IDocumentSession session, Contract.MessagePosted m, ConsumeContext<Contract.MessagePosted> context)
    {
        if (m.AuthorId == ChatBot.Id) return;
        if (SlashCommands.Parse(m.Text) is { } command)
        {
            await AnswerAsync(session, m, command, context.CancellationToken);
            return;
        }
        if (PriceChannels.SupplierOf(m.ChannelId) is { } supplierId)
        {
            // 报价 lines in a supplier's price channel (Suppliers/SupplierQuotes.cs); stock reports are for branch channels only.
            await SupplierQuotes.AnswerAsync(session, m, supplierId, supplierTexts, clock.GetUtcNow(), context.CancellationToken);
            return;
        }
        if (m.BranchId is not { } branch) return;
        var reports = StockReportParser.Parse(m.Text);
        if (reports.Count == 0) return;
        var ct = context.CancellationToken;
        var catalogue = await session.Query<CatalogueItem>().ToListAsync(ct);
        var answers = Answers(reports, catalogue, m, branch).ToList();
        if (answers.Count == 0) return;

        var now = clock.GetUtcNow();
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
        log.LogInformation("Answered {Count} stock report(s) in {Channel}", answers.Count, m.ChannelId);
    }

    private async Task AnswerAsync(IDocumentSession session, Contract.MessagePosted m, SlashCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var thread = Guid.Parse(m.MessageId);
        BotMessage Say(string text, Card? card = null) => new(texts.BotName, text, [], false, thread, card);
        (BotMessage Answer, (string Branch, string Sku, int Quantity)? Restock) reply = (command, m.BranchId) switch
        {
            (SlashCommand.StockLookup or SlashCommand.Restock, null) => (Say(texts.BranchChannelsOnly), null),
            (SlashCommand.StockLookup(var query), { } branch) => (await LookUpAsync(session, branch, query, Say, ct), null),
            (SlashCommand.Restock(var sku, var quantity), { } branch) => await FindAsync(session, sku, ct) is { } product
                ? (Say(texts.RestockText(product.Label, quantity), texts.RestockCard(branch, product, quantity, m.AuthorName)), (branch, product.Id, quantity))
                : (Say(texts.UnknownSku(sku)), null),
            _ => (Say(texts.Help), null),
        };
        var stream = await session.Events.FetchForWriting<Channel>(m.ChannelId, ct);
        var posted = MessagePosting.Decide(stream.Aggregate, BotPosting.Command(reply.Answer, now), now);
        stream.AppendOne(posted);
        if (reply.Restock is var (b, s, q))
            stream.AppendOne(new RestockRequested(posted.MessageId, b, s, q, m.AuthorId, now));
    }

    private const int MaxLookupRows = 10;

    private async Task<BotMessage> LookUpAsync(IDocumentSession session, string branch, string query, Func<string, Card?, BotMessage> say,
        CancellationToken ct)
    {
        var needle = Squash(query);
        var catalogue = await session.Query<CatalogueItem>().ToListAsync(ct);
        var matches = catalogue
            .Where(p => p.Id.Equals(query.Trim(), StringComparison.OrdinalIgnoreCase) || Squash(p.Name + p.Spec).Contains(needle, StringComparison.OrdinalIgnoreCase)
                        || Squash(p.Brand + p.Name).Contains(needle, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Spec, StringComparer.Ordinal)
            .ToList();
        if (matches.Count == 0) return say(texts.NothingFound(query), null);
        var shown = matches.Take(MaxLookupRows).ToList();
        var figures = (await session.LoadManyAsync<StockFigure>(ct, shown.Select(p => StockFigure.IdFor(branch, p.Id)).ToArray()))
            .ToDictionary(f => f.Sku, StringComparer.Ordinal);
        return say(texts.StockLookup(matches.Count, shown.Count, figures.Count > 0),
            texts.StockLookupCard(branch, query, [.. shown.Select(p => (p, figures.GetValueOrDefault(p.Id)))]));
    }

    private static async Task<CatalogueItem?> FindAsync(IDocumentSession session, string sku, CancellationToken ct) =>
        await session.LoadAsync<CatalogueItem>(sku, ct)
        ?? (await session.Query<CatalogueItem>().ToListAsync(ct)).FirstOrDefault(p => p.Id.Equals(sku, StringComparison.OrdinalIgnoreCase));

    private static string Squash(string s) => StockReportParser.Normalize(s).Replace(" ", "", StringComparison.Ordinal);

    private IEnumerable<(BotMessage Answer, (string Sku, int Reported, int? Suggested)? Report)> Answers(IReadOnlyList<StockReport> reports,
        IReadOnlyList<CatalogueItem> catalogue, Contract.MessagePosted m, string branch)
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
