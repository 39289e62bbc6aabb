using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Messages.Posting;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Channels.Notifying;

/// <summary>How much of a channel reaches a member as a notification (important messages reach everybody regardless).</summary>
public enum NotificationLevel { All, Mentions, Alerts, None }

/// <summary>A member's level for one channel; without one, <see cref="NotificationLevel.All"/>.</summary>
public sealed record NotificationSetting(string Id, string ChannelId, string UserId, NotificationLevel Level)
{
    public static string IdFor(string channelId, string userId) => $"notify:{channelId}:{userId}";
}

/// <summary>The facts of a message that decide whom it notifies.</summary>
public sealed record NotifiableMessage(string AuthorId, IReadOnlyList<string> Mentions, bool Important, bool Quiet);

public static class NotificationRules
{
    /// <summary>
    /// Why the message notifies <paramref name="userId"/> (<c>important</c>, <c>mention</c>, <c>alert</c>, <c>message</c>), or null when
    /// it does not: never one's own message; important messages always; a message folded into a digest never on its own;
    /// otherwise as the level says (alerts = what the bot posts).
    /// </summary>
    public static string? Reason(NotificationLevel level, string userId, NotifiableMessage m)
    {
        if (m.AuthorId == userId) return null;
        if (m.Important) return "important";
        if (m.Quiet) return null;
        var mentioned = m.Mentions.Contains(userId, StringComparer.Ordinal);
        return level switch
        {
            NotificationLevel.All => mentioned ? "mention" : "message",
            NotificationLevel.Mentions => mentioned ? "mention" : null,
            NotificationLevel.Alerts => m.AuthorId == ChatBot.Id ? "alert" : null,
            _ => null,
        };
    }
}

public sealed record NotificationLevelRequest(string? Level);

public sealed record NotificationLevelState(string ChannelId, NotificationLevel Level);

/// <summary><c>PUT /api/chat/channels/{id}/notifications</c> <c>{ level: all|mentions|alerts|none }</c>, per member.</summary>
public static class SetNotificationLevel
{
    public static RouteGroupBuilder MapSetNotificationLevel(this RouteGroupBuilder api)
    {
        api.MapPut("/channels/{channelId}/notifications", Handle).RequirePermission("messages")
            .WithSummary("Set how much of the channel notifies you: all, mentions, alerts or none (important messages always do).");
        return api;
    }

    private static async Task<Ok<NotificationLevelState>> Handle(string channelId, NotificationLevelRequest request, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken ct)
    {
        NotificationLevel level = default;
        new Validation()
            .Require(request.Level is not null && Enum.TryParse(request.Level, ignoreCase: true, out level) && !int.TryParse(request.Level, out _),
                "level", "must be one of all, mentions, alerts, none")
            .ThrowIfInvalid();
        var me = user.UserId();
        var channel = await session.LoadForMemberAsync(channelId, me, ct);
        session.Store(new NotificationSetting(NotificationSetting.IdFor(channelId, me), channelId, me, level));
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new NotificationLevelState(channelId, level));
    }
}
