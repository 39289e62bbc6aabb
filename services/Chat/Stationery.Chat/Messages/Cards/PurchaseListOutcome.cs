using Marten;
using MassTransit;
using Stationery.Chat.Alerts;
using Stationery.Chat.Channels;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Messages.Cards;

/// <summary>Purchasing put a card's product on the list: the card says so and offers nothing more.</summary>
public sealed class PurchaseListItemAddedConsumer(IDocumentStore store, ILogger<PurchaseListItemAddedConsumer> log, TimeProvider clock,
    StockBotTexts texts) : IdempotentConsumer<PurchaseListItemAdded>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseListItemAdded item, ConsumeContext<PurchaseListItemAdded> context)
    {
        if (!Guid.TryParse(item.ChatMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        var message = await session.LoadAsync<ChatMessage>(messageId, ct);
        if (message?.Card is not { Status: not Card.Done } card) return;
        var done = card with { Status = Card.Done, Resolution = texts.AddedToPurchaseList(item.Quantity, item.Unit) };
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, done, message.Text, message.Mentions, clock.GetUtcNow()));
    }
}
