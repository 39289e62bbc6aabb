using Marten;
using MassTransit;
using Microsoft.AspNetCore.SignalR;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Live;

/// <summary>A member read a channel: their devices connected to this replica move their unread badge.</summary>
[InstanceConsumer]
public sealed class ChannelReadFanOut(IHubContext<ChatHub> hub) : IConsumer<Contract.ChannelRead>
{
    public Task Consume(ConsumeContext<Contract.ChannelRead> context)
    {
        var r = context.Message;
        return hub.Clients.Group(ChatHub.UserGroupOf(r.TenantId, r.UserId))
            .SendAsync(ChatHub.ReadUpdated, new ReadUpdate(r.ChannelId, r.UserId, r.Seq), context.CancellationToken);
    }
}

/// <summary>
/// A disabled account: its connections to this replica end now (its token may still be valid for a while). The account is
/// recorded as disabled first (an idempotent upsert, also made by Chat's directory consumer), because that consumer runs
/// on its own queue: ending the connections before the record is committed let a reconnect in between pass the
/// disabled-account check and stay connected.
/// </summary>
[InstanceConsumer]
public sealed class DisabledAccountFanOut(LiveConnections connections, IDocumentStore store) : IConsumer<StaffMemberDisabled>
{
    public async Task Consume(ConsumeContext<StaffMemberDisabled> context)
    {
        await using (var session = store.LightweightSession(context.Message.TenantId))
        {
            DisabledAccounts.Record(session, context.Message);
            await session.SaveChangesAsync(context.CancellationToken);
        }
        connections.EndAll(context.Message.TenantId, context.Message.UserId);
    }
}

/// <summary>
/// Membership changed: this replica's connections of that user join or leave the channel's group at once, and the
/// user's devices are told to reload their channel list (and fetch the new channel's history).
/// </summary>
[InstanceConsumer]
public sealed class ChannelMembershipFanOut(IHubContext<ChatHub> hub, LiveConnections connections)
    : IConsumer<Contract.ChannelOpened>, IConsumer<Contract.ChannelMemberJoined>, IConsumer<Contract.ChannelMemberLeft>
{
    public async Task Consume(ConsumeContext<Contract.ChannelOpened> context)
    {
        var o = context.Message;
        foreach (var member in o.Members)
            await JoinAsync(o.TenantId, o.ChannelId, member, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<Contract.ChannelMemberJoined> context) =>
        JoinAsync(context.Message.TenantId, context.Message.ChannelId, context.Message.UserId, context.CancellationToken);

    public async Task Consume(ConsumeContext<Contract.ChannelMemberLeft> context)
    {
        var (tenant, channel, user) = (context.Message.TenantId, context.Message.ChannelId, context.Message.UserId);
        foreach (var connection in connections.Of(tenant, user))
            await hub.Groups.RemoveFromGroupAsync(connection, ChatHub.GroupOf(tenant, channel), context.CancellationToken);
        await hub.Clients.Group(ChatHub.UserGroupOf(tenant, user)).SendAsync(ChatHub.ChannelLeft, new ChannelChange(channel), context.CancellationToken);
    }

    private async Task JoinAsync(string tenant, string channel, string user, CancellationToken ct)
    {
        var live = connections.Of(tenant, user);
        if (live.Count == 0) return;
        foreach (var connection in live)
            await hub.Groups.AddToGroupAsync(connection, ChatHub.GroupOf(tenant, channel), ct);
        await hub.Clients.Group(ChatHub.UserGroupOf(tenant, user)).SendAsync(ChatHub.ChannelJoined, new ChannelChange(channel), ct);
    }
}
