using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Reading;

public static class ReadMessages
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapReadMessages(this RouteGroupBuilder api)
    {
        api.MapGet("/channels/{channelId}/messages", Handle).RequirePermission("messages")
            .WithSummary("Messages after a seq, oldest first: a reconnecting client asks for everything after the last seq it saw. " +
                "With before=<seq>: the page just before it (scrolling back from the newest), still oldest first.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MessageDto>>> Handle(string channelId, long? after, long? before, int? limit, ClaimsPrincipal user,
        IQuerySession session, CancellationToken ct)
    {
        new Validation()
            .Require(after is null or >= 0, "after", "must not be negative")
            .Require(before is null or >= 1, "before", "must be at least 1")
            .Require(limit is null or >= 1 and <= MaxLimit, "limit", $"must be between 1 and {MaxLimit}")
            .ThrowIfInvalid();
        var channel = await session.LoadForMemberAsync(channelId, user.UserId(), ct);

        var from = after ?? 0;
        var take = limit ?? DefaultLimit;
        IReadOnlyList<ChatMessage> messages;
        if (before is { } until)
        {
            // The newest `take` below `before`, turned back to oldest first.
            var newestFirst = await session.Query<ChatMessage>()
                .Where(m => m.ChannelId == channelId && m.Seq > from && m.Seq < until)
                .OrderByDescending(m => m.Seq)
                .Take(take)
                .ToListAsync(ct);
            messages = [.. newestFirst.Reverse()];
        }
        else
        {
            messages = await session.Query<ChatMessage>()
                .Where(m => m.ChannelId == channelId && m.Seq > from)
                .OrderBy(m => m.Seq)
                .Take(take)
                .ToListAsync(ct);
        }
        var viewer = PriceViewer.Of(user);
        var directory = viewer.SeesPricesIn(channelId) ? ChatDirectory.Empty : await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        IReadOnlyList<MessageDto> page = [.. messages.Select(m => m.ToDto().For(viewer, directory))];
        return TypedResults.Ok(page);
    }
}
