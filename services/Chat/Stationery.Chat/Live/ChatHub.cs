using Marten;
using Microsoft.AspNetCore.SignalR;
using Stationery.Chat.Channels;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Live;

/// <summary>
/// Real-time delivery. Server → client: <c>messagePosted</c> (a <see cref="Messages.MessageDto"/>). On connect the
/// connection joins one group per channel its user is a member of, named with the token's tenant so two chains can
/// never share a group. A client that reconnects fills gaps with <c>GET …/messages?after=&lt;last seq&gt;</c>.
/// </summary>
public sealed class ChatHub(IDocumentStore store) : Hub
{
    public const string Path = "/hubs/chat";
    public const string MessagePosted = "messagePosted";

    public static string GroupOf(string tenant, string channelId) => $"{tenant}:{channelId}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var tenant = user.RequiredTenantId();
        var me = user.UserId();
        await using var session = store.QuerySession(tenant);
        var channels = await session.Query<Channel>().Where(c => c.Members.Contains(me)).Select(c => c.Id).ToListAsync(Context.ConnectionAborted);
        foreach (var channel in channels)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(tenant, channel), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
