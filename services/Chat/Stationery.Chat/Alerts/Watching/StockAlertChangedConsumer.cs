using JasperFx.Events;
using Marten;
using MassTransit;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Alerts.Watching;

/// <summary>
/// Inventory's alert changes → 库存监控: loads the branch's <see cref="StockWatch"/>, lets <see cref="StockWatchBot"/> decide, and
/// appends what it decided to the channel's stream with the next memory, in one transaction.
/// </summary>
public sealed class StockAlertChangedConsumer(IDocumentStore store, ILogger<StockAlertChangedConsumer> log, TimeProvider clock, StockBotTexts texts)
    : IdempotentConsumer<StockAlertChanged>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StockAlertChanged change, ConsumeContext<StockAlertChanged> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        // The stream first, then the memory: an alert committed in between makes this append conflict and be retried with the
        // memory that alert left.
        var stream = await session.Events.FetchForWriting<Channel>(BranchChannels.Id(change.BranchId, BranchTopic.StockWatch), ct);
        var watch = await session.LoadAsync<StockWatch>(StockWatch.IdFor(change.BranchId), ct) ?? StockWatch.Empty(change.BranchId);
        var (decisions, next) = StockWatchBot.Decide(watch, change, now, NewMessageIds.Fresh(now));
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var posting = new StockWatchPosting(stream, directory, change.BranchId, texts, now);
        foreach (var decision in decisions)
            next = await posting.CarryOutAsync(session, decision, next, ct);
        session.Store(next);
        await StockFigure.RecordAsync(session, change, change.BranchId, change.Sku, change.OnHand, ct);
    }
}

/// <summary>
/// Every alert of a branch goes into its one 库存监控 stream: taken one at a time per replica, alerts arriving together (a day's
/// sales imported at once) queue instead of overtaking each other's version and running again (cf. the directory).
/// </summary>
public sealed class StockAlertChangedConsumerDefinition : ConsumerDefinition<StockAlertChangedConsumer>
{
    public StockAlertChangedConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>How the bot's decisions become messages in a branch's 库存监控 channel (opening it if the alert outran the branch).</summary>
internal sealed class StockWatchPosting(IEventStream<Channel> stream, ChatDirectory directory, string branch, StockBotTexts texts,
    DateTimeOffset now)
{
    private Channel? channel = stream.Aggregate;
    private readonly IReadOnlyList<DirectoryUser> leaders = directory.LeadersOf(branch);

    public async Task<StockWatch> CarryOutAsync(IDocumentSession session, StockWatchDecision decision, StockWatch next, CancellationToken ct)
    {
        var names = leaders.Select(l => l.DisplayName).ToList();
        string[] mentions = [.. leaders.Select(l => l.Id)];
        BotMessage Alert(StockAlertChanged c) =>
            new(texts.BotName, texts.LowStock(c, names), mentions, Important: true, Card: texts.LowStockCard(c));
        switch (decision)
        {
            case StockWatchDecision.PostAlert(var id, var change):
                Post(id, Alert(change));
                break;
            case StockWatchDecision.StartDigest(var digestId, var id, var change):
                Post(digestId, new BotMessage(texts.BotName, texts.Digest(names), mentions, Important: true, Card: texts.DigestCard(change)));
                // Folded: still @mentioning (it counts as an unread mention), but only the digest notifies.
                Post(id, Alert(change) with { Important = false, Quiet = true, ReplyTo = digestId });
                break;
            case StockWatchDecision.FoldIntoDigest(var digestId, var id, var change):
                if (await session.LoadAsync<ChatMessage>(digestId, ct) is { Card: { } card } digest)
                {
                    stream.AppendOne(new CardUpdated(digest.Id, digest.Seq, texts.WithDigestItem(card, change), digest.Text, digest.Mentions, now));
                    Post(id, Alert(change) with { Important = false, Quiet = true, ReplyTo = digestId });
                }
                else
                {
                    // The digest card is gone (deleted): this alert stands alone and the burst starts afresh.
                    Post(id, Alert(change));
                    next = next with { Burst = next.Burst is { } burst ? burst with { DigestMessageId = null } : null };
                }
                break;
            case StockWatchDecision.PostResolvedNote(var id, var replyTo, var change):
                Post(id, new BotMessage(texts.BotName, texts.Resolved(change), [], Important: false, ReplyTo: replyTo));
                break;
        }
        return next;
    }

    private void Post(Guid messageId, BotMessage message)
    {
        if (channel is null)
        {
            var opened = BranchChannels.Open(branch, BranchTopic.StockWatch, directory.MembersOf(branch));
            stream.AppendOne(opened);
            channel = Channel.Fold(null, opened);
        }
        var posted = MessagePosting.Decide(channel, BotPosting.Command(message, now) with { MessageId = messageId }, now);
        stream.AppendOne(posted);
        channel = Channel.Fold(channel, posted);
    }
}
