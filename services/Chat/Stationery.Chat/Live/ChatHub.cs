using Marten;
using Microsoft.AspNetCore.SignalR;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Live;

/// <summary>
/// Real-time delivery. Server → client: <c>messagePosted</c> (a <see cref="Messages.MessageDto"/>), <c>messageUpdated</c>
/// (a <see cref="MessageUpdate"/>: edited or withdrawn), <c>readUpdated</c>
/// (a <see cref="ReadUpdate"/>, to the reader's own devices), <c>channelJoined</c> / <c>channelLeft</c> (a
/// <see cref="ChannelChange"/>: reload the channel list, and the joined channel's history), <c>notification</c> (a
/// <see cref="Live.Notification"/>, only when the member's notification level for the channel lets the message through).
/// On connect the connection joins one group per channel its user is a member of and one for the user, all named with
/// the token's tenant so two chains can never share a group; then it gets <c>ready</c> (a <see cref="LiveReady"/>). Live
/// delivery is certain only from <c>ready</c> on (the handshake completes before the groups are joined), so a client that
/// (re)connects fills gaps with <c>GET …/messages?after=&lt;last seq&gt;</c> once <c>ready</c> has come. <c>resync</c> (a
/// <see cref="LiveResyncNotice"/>) says the same while the connection stayed up: the replica's broker connection was lost
/// and pushes with it (<see cref="LiveResync"/>).
/// </summary>
public sealed class ChatHub(IDocumentStore store, LiveConnections connections) : Hub
{
    public const string Path = "/hubs/chat";
    public const string MessagePosted = "messagePosted";
    public const string MessageUpdated = "messageUpdated";
    public const string ReadUpdated = "readUpdated";
    public const string ChannelJoined = "channelJoined";
    public const string ChannelLeft = "channelLeft";
    public const string Notification = "notification";
    public const string Ready = "ready";
    public const string Resync = "resync";

    public static string GroupOf(string tenant, string channelId) => $"{tenant}:{channelId}";

    public static string UserGroupOf(string tenant, string userId) => $"{tenant}:user:{userId}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var tenant = user.RequiredTenantId();
        var me = user.UserId();
        // Registered before reading memberships: a join committed meanwhile is then seen by one or the other (or both).
        connections.Add(tenant, me, Context);
        await using var session = store.QuerySession(tenant);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, Context.ConnectionAborted);
        if (directory?.IsDisabled(me) == true)
        {
            // The token is still valid for a while; the account is not.
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroupOf(tenant, me), Context.ConnectionAborted);
        var channels = await session.Query<Channel>().Where(c => c.Members.Contains(me)).Select(c => c.Id).ToListAsync(Context.ConnectionAborted);
        foreach (var channel in channels)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(tenant, channel), Context.ConnectionAborted);
        await base.OnConnectedAsync();
        await Clients.Caller.SendAsync(Ready, new LiveReady([.. channels]), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.User!.RequiredTenantId(), Context.User!.UserId(), Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>The connection is in its user's group and in the groups of these channels: live delivery starts now.</summary>
public sealed record LiveReady(IReadOnlyList<string> Channels);

public sealed record ReadUpdate(string ChannelId, string UserId, long Seq);

public sealed record ChannelChange(string ChannelId);
