using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Stocktakes.Variances;

/// <summary>
/// Where a variance's card is (id <c>stocktake|sku</c>): the latest one, so an explanation chosen in the app (no card id)
/// finds it, and a recount can @mention the zone's counters naming the product.
/// </summary>
public sealed record VarianceCard(string Id, Guid MessageId, string ChannelId, string StocktakeId, string ZoneId, string Sku, string Name,
    string Spec, string Unit)
{
    public static string IdFor(string stocktakeId, string sku) => $"{stocktakeId}|{sku}";
}

/// <summary>
/// A zone-finished post already written (id <c>stocktake|zone|when finished</c>): a replay of the same finish posts
/// nothing; the zone finished again after a recount is a new finish and posts again.
/// </summary>
public sealed record ZoneFinishedPost(string Id, Guid MessageId)
{
    public static string IdFor(StocktakeZoneFinished z) => $"{z.StocktakeId}|{z.ZoneId}|{z.OccurredAt.UtcTicks}";
}

/// <summary>
/// 清点完毕: the bot says, in the article's words, that the zone agrees with the books or where it differs — the book figure
/// is shown now even in a blind stocktake, as counting that zone is over — and each variance gets a card of its own, the
/// root of a thread where people discuss it, with a button per reason (销售漏记 / 进货未入库 / 数错 / 损坏 / 丢失/被盗 / 其他).
/// </summary>
public sealed class StocktakeZoneFinishedConsumer(IDocumentStore store, ILogger<StocktakeZoneFinishedConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<StocktakeZoneFinished>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StocktakeZoneFinished z, ConsumeContext<StocktakeZoneFinished> context)
    {
        var ct = context.CancellationToken;
        if (await session.LoadAsync<ZoneFinishedPost>(ZoneFinishedPost.IdFor(z), ct) is not null) return;
        var texts = StocktakeTexts.For(config);
        var now = clock.GetUtcNow();
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var channelId = BranchChannels.Id(z.BranchId, BranchTopic.Stocktake);
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
        var posts = BotPosting.AppendAll(stream, () => BranchChannels.Open(z.BranchId, BranchTopic.Stocktake, directory.MembersOf(z.BranchId)),
            [
                new BotMessage(texts.BotName, texts.ZoneFinished(z), [], Important: false),
                .. z.Variances.Select(v => new BotMessage(texts.BotName, texts.VarianceText(v), [], false, Card: texts.VarianceCard(z.BranchId, z, v))),
            ], now);
        var summary = posts[0];
        foreach (var (v, card) in z.Variances.Zip(posts.Skip(1)))
            session.Store(new VarianceCard(VarianceCard.IdFor(z.StocktakeId, v.Sku), card.MessageId, channelId, z.StocktakeId, z.ZoneId, v.Sku,
                v.Name, v.Spec, v.Unit));
        // Insert, not store: a second delivery racing this one collides here and runs again (then finds it).
        session.Insert(new ZoneFinishedPost(ZoneFinishedPost.IdFor(z), summary.MessageId));
    }
}

/// <summary>
/// A variance's reason was recorded (pressed on its card, or chosen in the app): the card shows it; for 数错 the thread asks
/// the zone's counters, @mentioned, to recount.
/// </summary>
public sealed class StocktakeVarianceExplainedConsumer(IDocumentStore store, ILogger<StocktakeVarianceExplainedConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<StocktakeVarianceExplained>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StocktakeVarianceExplained e, ConsumeContext<StocktakeVarianceExplained> context)
    {
        var ct = context.CancellationToken;
        var texts = StocktakeTexts.For(config);
        var where = await session.LoadAsync<VarianceCard>(VarianceCard.IdFor(e.StocktakeId, e.Sku), ct);
        var messageId = Guid.TryParse(e.ChatMessageId, out var pressed) ? pressed : where?.MessageId;
        if (messageId is null || await session.LoadAsync<ChatMessage>(messageId.Value, ct) is not { Card.Kind: StocktakeTexts.VarianceKind } found)
            return;
        // The channel first, then the card as it is now: a replay racing this delivery either sees the card explained or
        // collides on the channel's version and runs again.
        var stream = await session.Events.FetchForWriting<Channel>(found.ChannelId, ct);
        var message = await session.LoadAsync<ChatMessage>(found.Id, ct) ?? found;
        var card = message.Card!;
        var explained = texts.Explained(card, e);
        // The same explanation again (a replay): the card already says it and the recount was already asked for.
        if (card.Status == Card.Done && card.Resolution == explained.Resolution) return;
        var now = clock.GetUtcNow();
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, explained, message.Text, message.Mentions, now));
        if (e.Reason != StocktakeReasons.Miscount) return;
        var counters = (await session.LoadAsync<ChatStocktake>(e.StocktakeId, ct))?.CountersOf(e.ZoneId) ?? [];
        var channel = stream.Aggregate;
        string[] mentions = [.. counters.Select(c => c.UserId).Distinct().Where(id => channel?.HasMember(id) == true)];
        BotPosting.Append(stream, null, new BotMessage(texts.BotName,
            texts.RecountAsked(e, where?.Name ?? card.Sku ?? e.Sku, where?.Spec ?? "", counters), mentions, Important: true, ReplyTo: message.Id), now);
    }
}

/// <summary>Inventory refused a reason pressed on a variance card: the card says why and is open again (closed with its stocktake).</summary>
public sealed class StocktakeChatRefusedConsumer(IDocumentStore store, ILogger<StocktakeChatRefusedConsumer> log, TimeProvider clock)
    : IdempotentConsumer<StocktakeChatRefused>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StocktakeChatRefused r, ConsumeContext<StocktakeChatRefused> context)
    {
        if (!Guid.TryParse(r.ChatMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        // Only the press it answers: a card an explanation has since closed keeps what it says.
        if (await session.LoadAsync<ChatMessage>(messageId, ct) is not { Card: { Status: Card.Pending } card } message) return;
        var open = (await session.LoadAsync<ChatStocktake>(r.StocktakeId, ct))?.Open ?? true;
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, StocktakeTexts.Refused(card, r, open), message.Text, message.Mentions,
            clock.GetUtcNow()));
    }
}
