using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Channels.MarkingRead;

/// <summary>How far one member has read one channel. Only moves forward, so devices reporting out of order do no harm.</summary>
public sealed record ReadMarker(string Id, string ChannelId, string UserId, long Seq)
{
    public static string IdFor(string channelId, string userId) => $"{channelId}|{userId}";

    public static ReadMarker For(string channelId, string userId, long seq) => new(IdFor(channelId, userId), channelId, userId, seq);
}

public sealed record MarkReadRequest(long Seq);

public sealed record ReadState(string ChannelId, long LastReadSeq, long LastSeq, long Unread);

public static class MarkChannelRead
{
    public static RouteGroupBuilder MapMarkChannelRead(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/{channelId}/read", Handle).WithSummary("Mark the channel read up to seq (never moves back).");
        return api;
    }

    private static async Task<Ok<ReadState>> Handle(string channelId, MarkReadRequest request, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken ct)
    {
        new Validation().Require(request.Seq >= 0, "seq", "must not be negative").ThrowIfInvalid();
        var me = user.UserId();
        var channel = await session.LoadAsync<Channel>(channelId, ct);
        if (channel is null || !channel.HasMember(me)) throw new NotFoundException("Channel", channelId);
        var known = await session.LoadAsync<ReadMarker>(ReadMarker.IdFor(channelId, me), ct);
        var seq = Math.Max(known?.Seq ?? 0, Math.Min(request.Seq, channel.LastSeq));
        if (seq != known?.Seq)
        {
            session.Store(ReadMarker.For(channelId, me, seq));
            await session.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(new ReadState(channelId, seq, channel.LastSeq, channel.LastSeq - seq));
    }
}
