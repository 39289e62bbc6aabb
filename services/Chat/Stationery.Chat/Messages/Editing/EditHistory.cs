using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Editing;

/// <summary>One text a message had: <see cref="Version"/> 1 is the one posted, the last is the current one.</summary>
public sealed record MessageVersion(int Version, string Text, DateTimeOffset At, string EditorId, string EditorName, bool Current);

/// <summary>
/// Every version of a message, oldest first. A withdrawn message's history is withheld (<see cref="Withdrawn"/>, no
/// versions): withdrawing takes back what it said, earlier versions included.
/// </summary>
public sealed record MessageHistory(string ChannelId, string MessageId, long Seq, bool Withdrawn, IReadOnlyList<MessageVersion> Versions);

/// <summary>
/// The edit history (已编辑 → earlier versions), for every member of the channel, like the message itself. Only the author
/// edits, so each version's editor is the author. Read from the message's read model, which keeps the replaced texts.
/// </summary>
public static class EditHistory
{
    /// <param name="hidePrices">The reader may not see the prices one of the versions talks about: every text is withheld.</param>
    public static MessageHistory Of(Channel channel, ChatMessage? message, Func<ChatMessage, bool>? hidePrices = null)
    {
        if (message is null || message.ChannelId != channel.Id) throw new NotFoundException("Message", message?.Id.ToString() ?? "");
        if (message.Deleted) return new MessageHistory(channel.Id, message.Id.ToString(), message.Seq, true, []);
        var earlier = message.Earlier ?? [];
        var hidden = hidePrices?.Invoke(message) == true;
        var versions = earlier.Select(e => (e.Text, At: e.Since))
            .Append((message.Text, At: message.EditedAt ?? message.PostedAt))
            .Select((v, i) => new MessageVersion(i + 1, hidden ? PriceVisibility.Withheld : v.Text, v.At, message.AuthorId, message.AuthorName, i == earlier.Length))
            .ToList();
        return new MessageHistory(channel.Id, message.Id.ToString(), message.Seq, false, versions);
    }

    public static RouteGroupBuilder MapEditHistory(this RouteGroupBuilder api)
    {
        api.MapGet("/channels/{channelId}/messages/{messageId:guid}/history", Handle).RequirePermission("messages")
            .WithSummary("Every version of a message (已编辑): text, time and editor, oldest first; a withdrawn message's history is withheld.");
        return api;
    }

    private static async Task<Ok<MessageHistory>> Handle(string channelId, Guid messageId, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var channel = await session.LoadForMemberAsync(channelId, user.UserId(), ct);
        var viewer = PriceViewer.Of(user);
        var directory = viewer.SeesPricesIn(channelId) ? ChatDirectory.Empty : await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        return TypedResults.Ok(Of(channel, await session.LoadAsync<ChatMessage>(messageId, ct), m => m.HidesTextFrom(viewer, directory)));
    }
}
