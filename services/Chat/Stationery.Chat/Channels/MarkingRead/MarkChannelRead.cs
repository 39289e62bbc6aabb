using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Channels.MarkingRead;

/// <summary>A member read a channel up to <see cref="Seq"/> (on any device; the others follow via <c>readUpdated</c>).</summary>
public sealed record ChannelReadUpTo(string ChannelId, string UserId, long Seq);

/// <summary>
/// How far one member has read one channel: one small stream per (channel, member), so reading never contends with
/// posting. Only moves forward, so devices reporting out of order do no harm.
/// </summary>
public sealed record ReadMarker(string Id, string ChannelId, string UserId, long Seq)
{
    public static string IdFor(string channelId, string userId) => $"read:{channelId}:{userId}";

    /// <summary>Appends a read mark in the caller's session if it moves the marker forward.</summary>
    public static void Record(IDocumentSession session, ReadMarker? known, string channelId, string userId, long seq)
    {
        if (seq > (known?.Seq ?? 0))
            session.Events.Append(IdFor(channelId, userId), new ChannelReadUpTo(channelId, userId, seq));
    }
}

public sealed class ReadMarkerProjection : SingleStreamProjection<ReadMarker, string>
{
    public ReadMarkerProjection() => IncludeType<ChannelReadUpTo>();

    public override ReadMarker? Evolve(ReadMarker? snapshot, string id, IEvent e) => e.Data is ChannelReadUpTo r
        ? new ReadMarker(id, r.ChannelId, r.UserId, Math.Max(snapshot?.Seq ?? 0, r.Seq))
        : snapshot;
}

public sealed record MarkReadRequest(long Seq);

public sealed record ReadState(string ChannelId, long LastReadSeq, long LastSeq, long Unread);

public static class MarkChannelRead
{
    public static RouteGroupBuilder MapMarkChannelRead(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/{channelId}/read", Handle).RequirePermission("messages").WithSummary("Mark the channel read up to seq (never moves back).");
        return api;
    }

    private static async Task<Ok<ReadState>> Handle(string channelId, MarkReadRequest request, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken ct)
    {
        new Validation().Require(request.Seq >= 0, "seq", "must not be negative").ThrowIfInvalid();
        var me = user.UserId();
        var channel = await session.LoadForMemberAsync(channelId, me, ct);
        var known = await session.LoadAsync<ReadMarker>(ReadMarker.IdFor(channelId, me), ct);
        var seq = Math.Max(known?.Seq ?? 0, Math.Min(request.Seq, channel.LastSeq));
        ReadMarker.Record(session, known, channelId, me, seq);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new ReadState(channelId, seq, channel.LastSeq, channel.LastSeq - seq));
    }
}
