using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.MarkingRead;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Cards;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Posting;

public sealed record PostMessageRequest(string? ClientMessageId, string? Text, string? ReplyTo);

/// <summary>A message to append, already validated; <see cref="MessageId"/> is chosen by the caller.</summary>
public sealed record PostMessage(Guid MessageId, string AuthorId, string AuthorName, string Text, string[] Mentions,
    bool Important, Guid? ReplyTo, string? ClientMessageId, Card? Card = null);

/// <summary>Remembers which message a client's <c>clientMessageId</c> became, so a resend returns it instead of posting again.</summary>
public sealed record ClientMessageReceipt(string Id, Guid MessageId)
{
    public static string IdFor(string channelId, string authorId, string clientMessageId) => $"{channelId}|{authorId}|{clientMessageId}";
}

/// <summary>The platform's own voice in channels (stock alerts, cards).</summary>
public static class ChatBot
{
    public const string Id = "bot";
}

public static class MessagePosting
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 100;

    /// <summary>The channel's next message. Members and the bot may post; to anyone else the channel does not exist.</summary>
    public static MessagePosted Decide(Channel? channel, PostMessage command, DateTimeOffset now)
    {
        if (channel is null || (command.AuthorId != ChatBot.Id && !channel.HasMember(command.AuthorId)))
            throw new NotFoundException("Channel", channel?.Id ?? "");
        return new MessagePosted(command.MessageId, channel.LastSeq + 1, channel.Branch, command.AuthorId, command.AuthorName,
            command.Text, command.Mentions, command.Important, command.ReplyTo, command.ClientMessageId, now, command.Card);
    }

    public static RouteGroupBuilder MapPostMessage(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/{channelId}/messages", Handle)
            .WithSummary("Post a message; a resend with the same clientMessageId returns the first message (200) and posts nothing.");
        return api;
    }

    private static async Task<Results<Created<MessageDto>, Ok<MessageDto>>> Handle(string channelId, PostMessageRequest request,
        ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation()
            .NotEmpty(request.ClientMessageId, "clientMessageId", MaxClientMessageIdLength)
            .NotEmpty(request.Text, "text", MaxTextLength);
        Guid? replyTo = null;
        if (request.ReplyTo is not null)
        {
            if (Guid.TryParse(request.ReplyTo, out var parsed)) replyTo = parsed;
            else validation.Add("replyTo", "must be the id of a message in this channel");
        }
        validation.ThrowIfInvalid();

        var me = user.UserId();
        var channel = await session.LoadAsync<Channel>(channelId, ct);
        if (channel is null || !channel.HasMember(me)) throw new NotFoundException("Channel", channelId);
        var receiptId = ClientMessageReceipt.IdFor(channelId, me, request.ClientMessageId!);
        if (await FindResentAsync(session, receiptId, ct) is { } first) return TypedResults.Ok(first);
        if (replyTo is { } target)
        {
            var original = await session.LoadAsync<ChatMessage>(target, ct);
            new Validation().Require(original?.ChannelId == channelId, "replyTo", "must be the id of a message in this channel").ThrowIfInvalid();
        }

        // Posters to one channel queue on its stream row instead of failing each other with 409s.
        var stream = await session.Events.FetchForExclusiveWriting<Channel>(channelId, ct);
        if (await FindResentAsync(session, receiptId, ct) is { } raced) return TypedResults.Ok(raced);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var text = request.Text!.Trim();
        var current = stream.Aggregate ?? channel;
        var posted = Decide(current, new PostMessage(Guid.CreateVersion7(), me, user.DisplayName(), text,
            Mentions.Find(text, current, directory), false, replyTo, request.ClientMessageId), clock.GetUtcNow());
        stream.AppendOne(posted);
        session.Insert(new ClientMessageReceipt(receiptId, posted.MessageId));
        // Your own message is read by you, on every device.
        ReadMarker.Record(session, null, channelId, me, posted.Seq);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/chat/channels/{channelId}/messages?after={posted.Seq - 1}&limit=1",
            ChatMessage.From(channelId, posted).ToDto());
    }

    private static async Task<MessageDto?> FindResentAsync(IDocumentSession session, string receiptId, CancellationToken ct) =>
        await session.LoadAsync<ClientMessageReceipt>(receiptId, ct) is { } receipt
        && await session.LoadAsync<ChatMessage>(receipt.MessageId, ct) is { } message
            ? message.ToDto()
            : null;
}
