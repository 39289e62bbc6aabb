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

/// <summary><c>/补货</c> in a branch channel (published as <see cref="Stationery.Contracts.Purchasing.PurchaseRequestedFromChat"/>, linked to the bot's card).</summary>
public sealed record RestockRequested(Guid CardMessageId, string Branch, string Sku, int Quantity, string UserId, DateTimeOffset At);

/// <summary>
/// Answers a slash command in its thread, in any channel: <c>/帮助</c> with how to use them, <c>/库存 …</c> with the branch's
/// figures, <c>/补货 SKU 数量</c> with a card and a purchase request. Its share of posted messages:
/// <see cref="PostedMessageBusiness.SlashCommand"/>.
/// </summary>
public sealed class SlashCommandAnswerer(IDocumentStore store, ILogger<SlashCommandAnswerer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<Contract.MessagePosted>(store, log)
{
    private const int MaxLookupRows = 10;

    protected override bool Concerns(Contract.MessagePosted m) => PostedMessages.BusinessOf(m) == PostedMessageBusiness.SlashCommand;

    protected override async Task Apply(IDocumentSession session, Contract.MessagePosted m, ConsumeContext<Contract.MessagePosted> context)
    {
        if (SlashCommands.Parse(m.Text) is not { } command) return;
        var ct = context.CancellationToken;
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
}
