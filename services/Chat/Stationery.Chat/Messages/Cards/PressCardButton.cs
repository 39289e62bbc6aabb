using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Alerts;
using Stationery.Chat.Channels;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Cards;

/// <summary><c>POST /api/chat/messages/{messageId}/actions/{actionId}</c>: a member presses a card's button, once per card.</summary>
public static class PressCardButton
{
    public static IReadOnlyList<object> Decide(ChatMessage? message, string actionId, string userId, string userName, string pendingNote,
        DateTimeOffset now)
    {
        var card = message?.Card ?? throw new NotFoundException("Card", message?.Id.ToString() ?? "");
        var action = card.Actions.FirstOrDefault(a => a.Id == actionId) ?? throw new NotFoundException("Action", actionId);
        if (card.Status != Card.Open)
            throw new DomainException("card-handled", $"{card.ResolvedBy ?? "Someone"} already handled this card.");
        var pending = card with { Status = Card.Pending, ResolvedBy = userName, Resolution = pendingNote };
        return
        [
            new CardActionPressed(message!.Id, message.Seq, action.Id, card.Branch, card.Sku, action.Quantity, userId, userName, now),
            new CardUpdated(message.Id, message.Seq, pending, message.Text, message.Mentions, now),
        ];
    }

    public static RouteGroupBuilder MapPressCardButton(this RouteGroupBuilder api)
    {
        api.MapPost("/messages/{messageId:guid}/actions/{actionId}", Handle)
            .WithSummary("Press a card's button; the card shows who pressed it and, when it arrives, the outcome.");
        return api;
    }

    private static async Task<Accepted<MessageDto>> Handle(Guid messageId, string actionId, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, StockBotTexts texts, CancellationToken ct)
    {
        var me = user.UserId();
        var message = await session.LoadAsync<ChatMessage>(messageId, ct);
        var channel = message is null ? null : await session.LoadAsync<Channel>(message.ChannelId, ct);
        if (message is null || channel is null || !channel.HasMember(me)) throw new NotFoundException("Message", messageId.ToString());

        // Under the channel's lock, so two people pressing at once cannot both succeed.
        var stream = await session.Events.FetchForExclusiveWriting<Channel>(message.ChannelId, ct);
        var current = await session.LoadAsync<ChatMessage>(messageId, ct);
        var events = Decide(current, actionId, me, user.DisplayName(), texts.Pending(actionId), clock.GetUtcNow());
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        var updated = events.OfType<CardUpdated>().Single();
        return TypedResults.Accepted($"/api/chat/channels/{message.ChannelId}/messages?after={message.Seq - 1}&limit=1",
            (current! with { Card = updated.Card }).ToDto());
    }
}
