using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Transfers;

/// <summary>
/// Where a transfer's card is (its id is the transfer's number): one card per transfer, however often the dispatch is
/// delivered, and the message a later receipt or refusal updates.
/// </summary>
public sealed record TransferCard(string Id, Guid MessageId, string ChannelId, string FromBranch, string ToBranch);

/// <summary>A transfer was sent: the receiving branch's 库存监控 gets its card with 收货, once.</summary>
public sealed class TransferDispatchedConsumer(IDocumentStore store, ILogger<TransferDispatchedConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<TransferDispatched>(store, log)
{
    protected override async Task Apply(IDocumentSession session, TransferDispatched t, ConsumeContext<TransferDispatched> context)
    {
        var ct = context.CancellationToken;
        if (await session.LoadAsync<TransferCard>(t.TransferId, ct) is not null) return;
        var texts = TransferCardTexts.For(config);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var fromName = directory.BranchName(t.FromBranch);
        var posted = await BotPosting.PostToBranchAsync(session, directory, t.ToBranch, BranchTopic.StockWatch,
            new BotMessage(texts.BotName, texts.DispatchedText(t, fromName), [], Important: true, Card: texts.Dispatched(t, fromName)),
            clock.GetUtcNow(), ct);
        // Insert, not store: a second delivery racing this one collides here (or on the channel's version) and runs again.
        session.Insert(new TransferCard(t.TransferId, posted.MessageId, BranchChannels.Id(t.ToBranch, BranchTopic.StockWatch), t.FromBranch,
            t.ToBranch));
    }
}

/// <summary>
/// Units of a transfer arrived (from the card or the app): the card shows 已收货 or 部分收货, and the sending branch's 库存监控
/// hears that it arrived and what is short.
/// </summary>
public sealed class TransferReceivedConsumer(IDocumentStore store, ILogger<TransferReceivedConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<TransferReceived>(store, log)
{
    protected override async Task Apply(IDocumentSession session, TransferReceived r, ConsumeContext<TransferReceived> context)
    {
        var ct = context.CancellationToken;
        var texts = TransferCardTexts.For(config);
        var now = clock.GetUtcNow();
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        if (await session.LoadAsync<TransferCard>(r.TransferId, ct) is { } where
            && await session.LoadAsync<ChatMessage>(where.MessageId, ct) is { Card: { Status: not Card.Done } card } message)
        {
            var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
            stream.AppendOne(new CardUpdated(message.Id, message.Seq, texts.Received(card, r), message.Text, message.Mentions, now));
        }
        await BotPosting.PostToBranchAsync(session, directory, r.FromBranch, BranchTopic.StockWatch,
            new BotMessage(texts.BotName, texts.ArrivalNote(r, directory.BranchName(r.ToBranch)), [], Important: false), now, ct);
    }
}

/// <summary>Inventory refused a 收货 pressed on the card: the card says why.</summary>
public sealed class TransferReceiptRefusedConsumer(IDocumentStore store, ILogger<TransferReceiptRefusedConsumer> log, TimeProvider clock)
    : IdempotentConsumer<TransferReceiptRefused>(store, log)
{
    protected override async Task Apply(IDocumentSession session, TransferReceiptRefused r, ConsumeContext<TransferReceiptRefused> context)
    {
        if (!Guid.TryParse(r.ChatMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        // Only the press it answers: a card a receipt has since updated keeps what the receipt said.
        if (await session.LoadAsync<ChatMessage>(messageId, ct) is not { Card: { Status: Card.Pending } card } message) return;
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, TransferCardTexts.Refused(card, r), message.Text, message.Mentions,
            clock.GetUtcNow()));
    }
}
