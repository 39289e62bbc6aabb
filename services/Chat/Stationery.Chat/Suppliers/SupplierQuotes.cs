using System.Security.Claims;
using Marten;
using MassTransit;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Suppliers;

/// <summary>
/// 报价 in a supplier's price channel (written in its order channel, it is moved there first, <see cref="PriceMoves"/>): a guest of the supplier posts <c>报价 [SKU或品名] 单价 起订量 [有效期]</c>; the bot
/// answers in its thread with a card quoting what it understood and a 确认报价 button for the chain's cost roles (owner, hq).
/// The press goes to Purchasing as <see cref="SupplierQuoteConfirmedInChat"/>; its <see cref="SupplierQuoteRecorded"/> closes
/// the card. Text nobody can act on (an unknown or ambiguous product, a date already past) gets a plain answer instead.
/// </summary>
public static class SupplierQuotes
{

    /// <summary>The answers to a supplier's message: nothing unless it is a quote line written by one of the supplier's guests.</summary>
    public static IReadOnlyList<BotMessage> Answers(Contract.MessagePosted m, string supplierId, ChatDirectory directory,
        IReadOnlyList<CatalogueItem> catalogue, DateOnly today, SupplierBotTexts texts)
    {
        if (!directory.GuestsOf(supplierId).Any(g => g.Id == m.AuthorId)) return [];
        var quotes = QuoteParser.Parse(m.Text);
        if (quotes.Count == 0) return [];
        var thread = Guid.Parse(m.MessageId);
        var confirmers = directory.Users.Values
            .Where(u => !u.Disabled && !u.HasRole(PlatformRoles.Supplier) && (u.HasRole(PlatformRoles.Owner) || u.HasRole(PlatformRoles.Hq)))
            .OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        var answers = new List<BotMessage>();
        foreach (var quote in quotes)
        {
            if (quote.ValidUntil is { } day && day < today)
            {
                answers.Add(new BotMessage(texts.BotName, texts.QuoteExpired(quote), [m.AuthorId], false, thread));
                continue;
            }
            switch (Match(quote.Product, catalogue))
            {
                case ProductMatch.One(var product):
                    var card = texts.QuoteCard(supplierId, product, quote, new QuoteTerms(quote.UnitPrice, quote.MinOrderQty, quote.ValidUntil,
                        m.AuthorId, thread, quote.PackSize));
                    answers.Add(new BotMessage(texts.BotName, texts.QuoteText(m.AuthorName, product, [.. confirmers.Select(c => c.DisplayName)]),
                        [.. confirmers.Select(c => c.Id)], false, thread, card));
                    break;
                case ProductMatch.Several(var candidates):
                    answers.Add(new BotMessage(texts.BotName, texts.QuoteAmbiguous(quote.Product, [.. candidates.Select(c => $"{c.Id} {c.Name} {c.Spec}".TrimEnd())]),
                        [m.AuthorId], false, thread));
                    break;
                default:
                    answers.Add(new BotMessage(texts.BotName, texts.QuoteUnknownProduct(quote.Product), [m.AuthorId], false, thread));
                    break;
            }
        }
        return answers;
    }

    /// <summary>A SKU (any case) first; else the name as written, with an optional spec after the last space.</summary>
    public static ProductMatch Match(string written, IReadOnlyList<CatalogueItem> catalogue)
    {
        if (catalogue.FirstOrDefault(p => p.Id.Equals(written, StringComparison.OrdinalIgnoreCase)) is { } bySku)
            return new ProductMatch.One(bySku);
        var whole = ProductMatcher.Find(new StockReport(written, null, 0, null, ReportFormat.House), catalogue);
        if (whole is not ProductMatch.None) return whole;
        var space = written.LastIndexOf(' ');
        return space > 0
            ? ProductMatcher.Find(new StockReport(written[..space], written[(space + 1)..], 0, null, ReportFormat.House), catalogue)
            : whole;
    }

    /// <summary>Appends the answers to the price channel's stream, in the recogniser's transaction.</summary>
    public static async Task AnswerAsync(IDocumentSession session, Contract.MessagePosted m, string supplierId, SupplierBotTexts texts,
        DateTimeOffset now, CancellationToken ct)
    {
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        if (QuoteParser.Parse(m.Text).Count == 0) return;
        var catalogue = await session.Query<CatalogueItem>().ToListAsync(ct);
        var answers = Answers(m, supplierId, directory, catalogue, DateOnly.FromDateTime(now.UtcDateTime), texts);
        if (answers.Count == 0) return;
        var stream = await session.Events.FetchForWriting<Channel>(m.ChannelId, ct);
        foreach (var answer in answers)
            BotPosting.Append(stream, null, answer, now);
    }
}

/// <summary>Purchasing recorded a quote confirmed on a card: the card says so and offers nothing more.</summary>
public sealed class SupplierQuoteRecordedConsumer(IDocumentStore store, ILogger<SupplierQuoteRecordedConsumer> log, TimeProvider clock,
    SupplierBotTexts texts) : IdempotentConsumer<SupplierQuoteRecorded>(store, log)
{
    protected override async Task Apply(IDocumentSession session, SupplierQuoteRecorded q, ConsumeContext<SupplierQuoteRecorded> context)
    {
        if (!Guid.TryParse(q.ChatMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        var message = await session.LoadAsync<ChatMessage>(messageId, ct);
        if (message?.Card is not { Status: not Card.Done } card) return;
        var done = card with { Status = Card.Done, Resolution = texts.QuoteRecorded(q.ValidUntil) };
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, done, message.Text, message.Mentions, clock.GetUtcNow()));
    }
}
