using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Stocktakes.Announcing;

/// <summary>
/// 盘点开始: the bot announces the stocktake in the branch's 盘点 channel — kind, blind or not, each zone with what it covers
/// and its counters @mentioned (members of the channel are notified as by any @mention) — and Chat starts keeping its copy,
/// so counts said in the channel go to it. Once per stocktake, however often the opening is delivered or replayed.
/// </summary>
public sealed class StocktakeOpenedConsumer(IDocumentStore store, ILogger<StocktakeOpenedConsumer> log, TimeProvider clock, IConfiguration config)
    : IdempotentConsumer<StocktakeOpened>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StocktakeOpened o, ConsumeContext<StocktakeOpened> context)
    {
        var ct = context.CancellationToken;
        if (await session.LoadAsync<ChatStocktake>(o.StocktakeId, ct) is not null) return;
        var texts = StocktakeTexts.For(config);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var channelId = BranchChannels.Id(o.BranchId, BranchTopic.Stocktake);
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
        var members = ((IEnumerable<string>?)stream.Aggregate?.Members ?? directory.MembersOf(o.BranchId)).ToHashSet(StringComparer.Ordinal);
        // Only members: a mention notifies, and a counter outside the channel could not open what it points at.
        string[] mentions = [.. o.Zones.SelectMany(z => z.Counters).Select(c => c.UserId).Distinct().Where(members.Contains)];
        BotPosting.Append(stream, () => BranchChannels.Open(o.BranchId, BranchTopic.Stocktake, directory.MembersOf(o.BranchId)),
            new BotMessage(texts.BotName, texts.Announcement(o), mentions, Important: true), clock.GetUtcNow());
        // Insert, not store: a second delivery racing this one collides here (or on the channel's version) and runs again.
        session.Insert(ChatStocktake.Opened(o));
    }
}
