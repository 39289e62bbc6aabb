using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels.MarkingRead;
using Stationery.Chat.Channels.Notifying;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Channels.Listing;

/// <summary>One of the caller's channels; <see cref="Mentions"/> counts unread messages that @mention the caller.</summary>
public sealed record ChannelSummary(string Id, string Name, ChannelKind Kind, string? Branch, string? BranchName, BranchTopic? Topic,
    string? Purpose, long LastSeq, long LastReadSeq, long Unread, long Mentions, DateTimeOffset? LastPostedAt,
    NotificationLevel Notifications = NotificationLevel.All);

public static class ListMyChannels
{
    public static RouteGroupBuilder MapListMyChannels(this RouteGroupBuilder api)
    {
        api.MapGet("/channels", Handle).RequirePermission("channels").WithSummary("The caller's channels with unread counts, most recently active first.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ChannelSummary>>> Handle(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var me = user.UserId();
        var channels = await session.Query<Channel>().Where(c => c.Members.Contains(me)).ToListAsync(ct);
        var markers = (await session.LoadManyAsync<ReadMarker>(ct, channels.Select(c => ReadMarker.IdFor(c.Id, me)).ToArray()))
            .ToDictionary(m => m.ChannelId, m => m.Seq, StringComparer.Ordinal);
        var levels = (await session.LoadManyAsync<NotificationSetting>(ct, channels.Select(c => NotificationSetting.IdFor(c.Id, me)).ToArray()))
            .ToDictionary(s => s.ChannelId, s => s.Level, StringComparer.Ordinal);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var batch = session.CreateBatchQuery();
        var mentions = channels.Where(c => c.LastSeq > markers.GetValueOrDefault(c.Id)).ToDictionary(c => c.Id, c =>
        {
            var read = markers.GetValueOrDefault(c.Id);
            return batch.Query<ChatMessage>().Where(m => m.ChannelId == c.Id && m.Seq > read && m.Mentions.Contains(me)).Count();
        });
        if (mentions.Count > 0) await batch.Execute(ct);
        IReadOnlyList<ChannelSummary> summaries =
        [
            .. channels
                .Select(c =>
                {
                    var read = markers.GetValueOrDefault(c.Id);
                    return new ChannelSummary(c.Id, NameFor(c, me, directory), c.Kind, c.Branch, c.Branch is null ? null : directory.BranchName(c.Branch),
                        c.Topic, c.Purpose, c.LastSeq, read, Math.Max(0, c.LastSeq - read),
                        mentions.TryGetValue(c.Id, out var count) ? count.Result : 0, c.LastPostedAt, levels.GetValueOrDefault(c.Id));
                })
                .OrderByDescending(s => s.LastPostedAt ?? DateTimeOffset.MinValue)
                .ThenBy(s => s.Id, StringComparer.Ordinal),
        ];
        return TypedResults.Ok(summaries);
    }

    /// <summary>A direct conversation is called after the other person (张店长 sees 小李, 小李 sees 张店长).</summary>
    private static string NameFor(Channel channel, string me, ChatDirectory directory) =>
        channel.Kind == ChannelKind.Direct && channel.Members.Where(m => m != me).Select(directory.DisplayName).ToList() is [var other]
            ? other
            : channel.Name;
}
