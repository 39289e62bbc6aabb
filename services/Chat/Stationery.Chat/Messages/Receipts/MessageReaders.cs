using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.MarkingRead;
using Stationery.Chat.Directory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Receipts;

public sealed record Reader(string UserId, string Name);

/// <summary>Who of the channel's current members (its author aside) has read a message, and who not yet.</summary>
public sealed record MessageReaders(string ChannelId, string MessageId, long Seq, IReadOnlyList<Reader> ReadBy, IReadOnlyList<Reader> NotYet);

/// <summary>
/// Read receipts (已读/未读), for the message's author only, like WeCom: a member has read a message when their read mark in
/// the channel (<see cref="ReadMarker"/>, moved by any of their devices) has reached its seq. Nothing new is stored.
/// </summary>
public static class ReadReceipts
{
    public static MessageReaders Decide(Channel channel, ChatMessage? message, string asker, IReadOnlyDictionary<string, long> readUpTo,
        Func<string, string> nameOf)
    {
        if (message is null || message.ChannelId != channel.Id) throw new NotFoundException("Message", message?.Id.ToString() ?? "");
        if (message.AuthorId != asker) throw new ForbiddenException("Only the author of a message sees who has read it.");
        var others = channel.Members.Where(m => m != message.AuthorId).Select(m => new Reader(m, nameOf(m))).ToList();
        var read = others.ToLookup(r => readUpTo.GetValueOrDefault(r.UserId) >= message.Seq);
        return new MessageReaders(channel.Id, message.Id.ToString(), message.Seq, [.. read[true]], [.. read[false]]);
    }

    public static RouteGroupBuilder MapReadReceipts(this RouteGroupBuilder api)
    {
        api.MapGet("/channels/{channelId}/messages/{messageId:guid}/readers", Handle).RequirePermission("messages.own")
            .WithSummary("Who has read one's own message (已读) and who has not yet (未读): the channel's current members, the author aside.");
        return api;
    }

    private static async Task<Ok<MessageReaders>> Handle(string channelId, Guid messageId, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var me = user.UserId();
        var channel = await session.LoadForMemberAsync(channelId, me, ct);
        var message = await session.LoadAsync<ChatMessage>(messageId, ct);
        var markers = (await session.LoadManyAsync<ReadMarker>(ct, channel.Members.Select(m => ReadMarker.IdFor(channelId, m)).ToArray()))
            .ToDictionary(m => m.UserId, m => m.Seq, StringComparer.Ordinal);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        return TypedResults.Ok(Decide(channel, message, me, markers,
            id => directory.Users.TryGetValue(id, out var u) ? u.DisplayName : id));
    }
}
