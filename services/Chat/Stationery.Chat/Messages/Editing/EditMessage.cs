using System.Security.Claims;
using Marten;
using Stationery.Hosting.EventSourcing;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Posting;
using Stationery.Chat.Suppliers;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Editing;

public sealed record EditMessageRequest(string? Text);

/// <summary>Authors edit and withdraw their own messages; every version stays in the channel's stream.</summary>
public static class EditMessage
{
    /// <summary>The edit, or nothing when the text is unchanged.</summary>
    public static IReadOnlyList<object> DecideEdit(ChatMessage? message, string channelId, string editorId, string text, string[] mentions,
        DateTimeOffset now)
    {
        var own = OwnMessage(message, channelId, editorId, "edit");
        if (own.Deleted) throw new DomainException("message-deleted", "The message was withdrawn and can no longer be edited.");
        return own.Text == text ? [] : [new MessageEdited(own.Id, own.Seq, text, mentions, now)];
    }

    /// <summary>The withdrawal, or nothing when it is already withdrawn.</summary>
    public static IReadOnlyList<object> DecideDelete(ChatMessage? message, string channelId, string editorId, DateTimeOffset now)
    {
        var own = OwnMessage(message, channelId, editorId, "withdraw");
        return own.Deleted ? [] : [new MessageDeleted(own.Id, own.Seq, now)];
    }

    private static ChatMessage OwnMessage(ChatMessage? message, string channelId, string editorId, string verb)
    {
        if (message is null || message.ChannelId != channelId) throw new NotFoundException("Message", message?.Id.ToString() ?? "");
        if (message.AuthorId != editorId) throw new ForbiddenException($"Only the author can {verb} a message.");
        return message;
    }

    public static RouteGroupBuilder MapEditMessage(this RouteGroupBuilder api)
    {
        api.MapPut("/channels/{channelId}/messages/{messageId:guid}", Edit).RequirePermission("messages.own").WithSummary("Edit one's own message (members see it as edited).");
        api.MapDelete("/channels/{channelId}/messages/{messageId:guid}", Delete).RequirePermission("messages.own").WithSummary("Withdraw one's own message.");
        return api;
    }

    private static async Task<Ok<MessageDto>> Edit(string channelId, Guid messageId, EditMessageRequest request, ClaimsPrincipal user,
        IDocumentSession session, TimeProvider clock, SupplierBotTexts texts, CancellationToken ct)
    {
        new Validation().NotEmpty(request.Text, "text", MessagePosting.MaxTextLength).ThrowIfInvalid();
        var me = user.UserId();
        var (channel, message) = await LoadAsync(session, channelId, messageId, me, ct);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var text = request.Text!.Trim();
        var now = clock.GetUtcNow();
        var events = DecideEdit(message, channelId, me, text, Mentions.Find(text, channel, directory), now);
        if (events.Count > 0 && PriceMoves.Destination(channelId, PriceViewer.Of(user), text) is not null)
        {
            // An edit that adds a price: the original is withdrawn here and the new text goes to the price channel (报价).
            await session.QueueForStreamAsync(channelId, ct);
            var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
            stream.AppendMany(DecideDelete(message, channelId, me, now));
            var (moved, priceChannel) = await PriceMoves.MoveAsync(session, stream, directory,
                new PostMessage(Guid.CreateVersion7(), me, user.DisplayName(), text, [], false, null, null), texts, now, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(ChatMessage.From(priceChannel.Id, moved).ToDto());
        }
        await AppendAsync(session, channelId, events, ct);
        return TypedResults.Ok(events.OfType<MessageEdited>().Aggregate(message!, (m, e) => m.Edited(e)).ToDto());
    }

    private static async Task<NoContent> Delete(string channelId, Guid messageId, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var (_, message) = await LoadAsync(session, channelId, messageId, user.UserId(), ct);
        await AppendAsync(session, channelId, DecideDelete(message, channelId, user.UserId(), clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }

    private static async Task<(Channel, ChatMessage?)> LoadAsync(IDocumentSession session, string channelId, Guid messageId, string me,
        CancellationToken ct)
    {
        var channel = await session.LoadForMemberAsync(channelId, me, ct);
        return (channel, await session.LoadAsync<ChatMessage>(messageId, ct));
    }

    private static async Task AppendAsync(IDocumentSession session, string channelId, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        // Queued behind posts on the channel, like posting.
        await session.QueueForStreamAsync(channelId, ct);
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
    }
}
