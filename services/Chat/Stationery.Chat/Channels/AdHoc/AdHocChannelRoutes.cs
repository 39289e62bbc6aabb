using System.Security.Claims;
using Marten;
using Stationery.Hosting.EventSourcing;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Directory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Channels.AdHoc;

/// <summary>
/// <c>POST /channels</c> (open a direct conversation or an ad-hoc group), <c>PUT /channels/{id}</c> (name, purpose),
/// <c>POST /channels/{id}/members</c> (add people to an ad-hoc group) and <c>DELETE /channels/{id}/members/{userId}</c>
/// (leave it, or remove another member) and <c>GET /channels/{id}/members</c> (who is in a channel). Members' connected devices join or leave the channel live through the usual membership fan-out.
/// </summary>
public static class AdHocChannelRoutes
{
    public const int MaxIdempotencyKeyLength = 100;

    public static RouteGroupBuilder MapAdHocChannels(this RouteGroupBuilder api)
    {
        api.MapPost("/channels", Open).RequirePermission("channels.open")
            .WithSummary("Open a direct conversation (kind direct, one other member; opening it again returns it, 200) or an ad-hoc group " +
                "(kind group, name, purpose?, members; an Idempotency-Key header makes a retry return the first, 200).");
        api.MapPut("/channels/{channelId}", Describe).RequirePermission("channels.manage")
            .WithSummary("Rename an ad-hoc group or set a channel's purpose (branch and supplier channels: owner, manager or hq; purpose only).");
        api.MapPost("/channels/{channelId}/members", AddMembers).RequirePermission("channels.manage").WithSummary("Add staff of the chain to an ad-hoc group (any member may).");
        api.MapDelete("/channels/{channelId}/members/{userId}", Leave).RequirePermission("channels.manage")
            .WithSummary("Leave an ad-hoc group, or remove another member from it (any member may, as any member adds).");
        api.MapGet("/channels/{channelId}/members", Members).RequirePermission("messages")
            .WithSummary("A channel's members with their names (the member list, and whom @ suggests); channel members only.");
        return api;
    }

    private static async Task<Results<Created<ChannelInfo>, Ok<ChannelInfo>>> Open(OpenChannelRequest request, HttpRequest http,
        ClaimsPrincipal user, IDocumentSession session, IDocumentStore store, CancellationToken ct)
    {
        var key = http.Headers["Idempotency-Key"].FirstOrDefault();
        new Validation().Require(key is null || key.Length is > 0 and <= MaxIdempotencyKeyLength, "Idempotency-Key",
            $"must be 1 to {MaxIdempotencyKeyLength} characters").ThrowIfInvalid();
        var me = user.UserId();
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var opened = AdHocChannels.Decide(request, me, directory, key);

        if (await session.LoadAsync<Channel>(opened.ChannelId, ct) is { } existing)
            return TypedResults.Ok(await ReopenAsync(session, existing, opened, me, directory, ct));
        session.Events.StartStream<Channel>(opened.ChannelId, opened);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // Opened by a concurrent request (a double tap, a retry): answer with that one.
            await using var fresh = store.LightweightSession(session.TenantId);
            var raced = await fresh.LoadAsync<Channel>(opened.ChannelId, ct) ?? throw new NotFoundException("Channel", opened.ChannelId);
            return TypedResults.Ok(await ReopenAsync(fresh, raced, opened, me, directory, ct));
        }
        return TypedResults.Created($"/api/chat/channels/{opened.ChannelId}/messages", ChannelInfo.Of(Channel.Fold(null, opened)!, directory));
    }

    /// <summary>A direct conversation takes back whichever of its two people left it; a retried group is only its members'.</summary>
    private static async Task<ChannelInfo> ReopenAsync(IDocumentSession session, Channel existing, ChannelOpened opened, string me,
        ChatDirectory directory, CancellationToken ct)
    {
        if (existing.Kind == ChannelKind.Direct)
        {
            var joins = opened.Members.Where(m => !existing.HasMember(m)).Select(m => (object)new MemberJoined(m)).ToList();
            if (joins.Count == 0) return ChannelInfo.Of(existing, directory);
            return await AppendAsync(session, existing.Id, _ => joins, directory, ct);
        }
        if (!existing.HasMember(me)) throw new NotFoundException("Channel", existing.Id);
        return ChannelInfo.Of(existing, directory);
    }

    private static async Task<Ok<ChannelInfo>> Describe(string channelId, DescribeChannelRequest request, ClaimsPrincipal user,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserId();
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        return TypedResults.Ok(await AppendAsync(session, channelId,
            channel => AdHocChannels.DecideDescribe(MemberOf(channel, channelId, me), request, me, user.Roles(), clock.GetUtcNow()), directory, ct));
    }

    private static async Task<Ok<ChannelInfo>> AddMembers(string channelId, AddMembersRequest request, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken ct)
    {
        var me = user.UserId();
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        return TypedResults.Ok(await AppendAsync(session, channelId,
            channel => AdHocChannels.DecideAdd(MemberOf(channel, channelId, me), request.Members, me, directory), directory, ct));
    }

    private static async Task<NoContent> Leave(string channelId, string userId, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        var me = user.UserId();
        await AppendAsync(session, channelId, channel => AdHocChannels.DecideLeave(MemberOf(channel, channelId, me), userId, me),
            ChatDirectory.Empty, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ChannelInfo>> Members(string channelId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var channel = MemberOf(await session.LoadAsync<Channel>(channelId, ct), channelId, user.UserId());
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        return TypedResults.Ok(ChannelInfo.Of(channel, directory));
    }

    private static Channel MemberOf(Channel? channel, string channelId, string me) =>
        channel is not null && channel.HasMember(me) ? channel : throw new NotFoundException("Channel", channelId);

    /// <summary>Decides on the channel's stream, queued behind posts to it like posting, and appends.</summary>
    private static async Task<ChannelInfo> AppendAsync(IDocumentSession session, string channelId, Func<Channel?, IReadOnlyList<object>> decide,
        ChatDirectory directory, CancellationToken ct)
    {
        if (await session.LoadAsync<Channel>(channelId, ct) is null) throw new NotFoundException("Channel", channelId);
        await session.QueueForStreamAsync(channelId, ct);
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
        var events = decide(stream.Aggregate);
        var after = events.Aggregate(stream.Aggregate, Channel.Fold)!;
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
        }
        return ChannelInfo.Of(after, directory);
    }
}
