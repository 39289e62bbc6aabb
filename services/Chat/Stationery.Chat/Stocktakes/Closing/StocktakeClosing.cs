using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Stocktakes.Closing;

/// <summary>
/// The end of a stocktake in its 盘点 channel: once, whichever of its events came first, the bot posts how it ended and Chat's
/// copy is closed, so later counts in the channel are stock reports again.
/// </summary>
public static class StocktakeClosing
{
    public static async Task CloseAsync(IDocumentSession session, string stocktakeId, string branch, string text, string botName,
        DateTimeOffset occurredAt, DateTimeOffset now, CancellationToken ct)
    {
        // The channel first, then the copy: a racing delivery (a replay under a new MessageId) that closed it meanwhile is either
        // seen closed below or collides on the channel's version and runs again.
        var stream = await session.Events.FetchForWriting<Channel>(BranchChannels.Id(branch, BranchTopic.Stocktake), ct);
        var known = await session.LoadAsync<ChatStocktake>(stocktakeId, ct);
        if (known is { Open: false }) return;
        session.Store(known is null ? ChatStocktake.Closed(stocktakeId, branch, occurredAt) : known with { Open = false });
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        BotPosting.Append(stream, () => BranchChannels.Open(branch, BranchTopic.Stocktake, directory.MembersOf(branch)),
            new BotMessage(botName, text, [], Important: true), now);
    }
}

/// <summary>盘点完成: the accuracy figures (units and value at retail) and the adjustments booked.</summary>
public sealed class StocktakeCompletedConsumer(IDocumentStore store, ILogger<StocktakeCompletedConsumer> log, TimeProvider clock, IConfiguration config)
    : IdempotentConsumer<StocktakeCompleted>(store, log)
{
    protected override Task Apply(IDocumentSession session, StocktakeCompleted c, ConsumeContext<StocktakeCompleted> context)
    {
        var texts = StocktakeTexts.For(config);
        return StocktakeClosing.CloseAsync(session, c.StocktakeId, c.BranchId, texts.Completed(c), texts.BotName, c.OccurredAt, clock.GetUtcNow(),
            context.CancellationToken);
    }
}

/// <summary>盘点取消: nothing was booked.</summary>
public sealed class StocktakeCancelledConsumer(IDocumentStore store, ILogger<StocktakeCancelledConsumer> log, TimeProvider clock, IConfiguration config)
    : IdempotentConsumer<StocktakeCancelled>(store, log)
{
    protected override Task Apply(IDocumentSession session, StocktakeCancelled c, ConsumeContext<StocktakeCancelled> context)
    {
        var texts = StocktakeTexts.For(config);
        return StocktakeClosing.CloseAsync(session, c.StocktakeId, c.BranchId, texts.Cancelled(c), texts.BotName, c.OccurredAt, clock.GetUtcNow(),
            context.CancellationToken);
    }
}
