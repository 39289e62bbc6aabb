using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.Notifying;
using Stationery.Chat.Directory;
using Microsoft.AspNetCore.SignalR;
using Stationery.Chat.Messages;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Live;

/// <summary>
/// Pushes every posted message to the clients connected to this replica. Each replica consumes from its own auto-delete
/// queue bound to the MessagePosted exchange, so RabbitMQ fans every message out to all replicas (the backplane).
/// It stores nothing, so it is not an <see cref="IdempotentConsumer{T}"/>: a redelivery the outbox makes is dropped by
/// the recent-id window instead, and clients order and de-duplicate by (channelId, seq) anyway.
/// </summary>
[InstanceConsumer]
public sealed class MessagePostedFanOut(IHubContext<ChatHub> hub, RecentMessages recent, LiveConnections connections, IDocumentStore store)
    : IConsumer<Contract.MessagePosted>
{
    public async Task Consume(ConsumeContext<Contract.MessagePosted> context)
    {
        var m = context.Message;
        if (!recent.FirstTime(context.MessageId ?? Guid.Empty)) return;
        var ct = context.CancellationToken;
        var dto = new MessageDto(m.ChannelId, m.Seq, m.MessageId, m.AuthorId, m.AuthorName, m.Text, m.Mentions, m.Important,
            m.ReplyTo, m.OccurredAt, Card: m.Card, Attachments: m.Attachments ?? []);
        await using var session = store.QuerySession(m.TenantId);
        // The common message holds no price: pushed to the channel's group before anything is read from the store.
        Channel? channel = null;
        PricedPushes.Readers? readers = null;
        if (PriceVisibility.MayHidePrices(m.Text, m.Card))
        {
            channel = await session.LoadAsync<Channel>(m.ChannelId, ct);
            readers = await PricedPushes.ReadersAsync(session, channel, m.Text, m.Card, ct);
        }
        if (readers is null)
            await hub.Clients.Group(ChatHub.GroupOf(m.TenantId, m.ChannelId)).SendAsync(ChatHub.MessagePosted, dto, ct);
        else
            await PricedPushes.SendAsync(hub, connections, m.TenantId, readers, ChatHub.MessagePosted, v => dto.For(v, readers.Directory), ct);
        channel ??= await session.LoadAsync<Channel>(m.ChannelId, ct);
        await NotifyAsync(session, channel, m, readers, ct);
    }

    /// <summary>
    /// <c>notification</c> to each member connected to this replica whose level lets the message through (important ones:
    /// everybody). Each replica tells only its own connections, so a member is notified once per device. The preview is the
    /// text as that member may read it.
    /// </summary>
    private async Task NotifyAsync(IQuerySession session, Channel? channel, Contract.MessagePosted m, PricedPushes.Readers? readers,
        CancellationToken ct)
    {
        var here = channel?.Members.Where(u => connections.Of(m.TenantId, u).Count > 0).ToArray() ?? [];
        if (here.Length == 0) return;
        var levels = (await session.LoadManyAsync<NotificationSetting>(ct, here.Select(u => NotificationSetting.IdFor(m.ChannelId, u)).ToArray()))
            .ToDictionary(s => s.UserId, s => s.Level, StringComparer.Ordinal);
        var facts = new NotifiableMessage(m.AuthorId, m.Mentions, m.Important, m.Quiet);
        var withheld = readers is not null && PriceVisibility.IsPricedText(m.ChannelId, m.AuthorId, m.Text, readers.Directory);
        foreach (var user in here)
        {
            if (NotificationRules.Reason(levels.GetValueOrDefault(user), user, facts) is not { } reason) continue;
            var text = withheld && !readers!.Sees(user) ? PriceVisibility.Withheld : m.Text;
            await hub.Clients.Group(ChatHub.UserGroupOf(m.TenantId, user)).SendAsync(ChatHub.Notification,
                new Notification(m.ChannelId, channel!.Name, m.Seq, m.MessageId, m.AuthorName, Preview(text), m.Important, reason), ct);
        }
    }

    private static string Preview(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>
/// Pushes of a message some members may not read in full (it holds prices, <see cref="PriceVisibility"/>): instead of one
/// send to the channel's group, each member connected here gets the message as they may read it, on their own user group.
/// </summary>
public static class PricedPushes
{
    /// <summary>The channel's members and whether each sees the channel's prices.</summary>
    public sealed record Readers(Channel Channel, ChatDirectory Directory)
    {
        public bool Sees(string userId) => PriceViewer.Of(Directory.Users.GetValueOrDefault(userId)).SeesPricesIn(Channel.Id);
    }

    /// <summary>Null when every member may read the message as it is (the common case: one send to the channel's group).</summary>
    public static async Task<Readers?> ReadersAsync(IQuerySession session, Channel? channel, string text, Contract.ChatCard? card,
        CancellationToken ct)
    {
        if (channel is null || !PriceVisibility.MayHidePrices(text, card)) return null;
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var readers = new Readers(channel, directory);
        return channel.Members.All(readers.Sees) ? null : readers;
    }

    public static async Task SendAsync<T>(IHubContext<ChatHub> hub, LiveConnections connections, string tenant, Readers readers, string method,
        Func<PriceViewer, T> render, CancellationToken ct)
    {
        foreach (var member in readers.Channel.Members.Where(u => connections.Of(tenant, u).Count > 0))
            await hub.Clients.Group(ChatHub.UserGroupOf(tenant, member))
                .SendAsync(method, render(PriceViewer.Of(readers.Directory.Users.GetValueOrDefault(member))), ct);
    }
}

/// <summary>What a device shows as a notification; <see cref="Reason"/> is important, mention, alert or message.</summary>
public sealed record Notification(string ChannelId, string ChannelName, long Seq, string MessageId, string AuthorName, string Text,
    bool Important, string Reason);

/// <summary>An edit, a withdrawal or a card's new state: members connected to this replica update the message in place (<c>messageUpdated</c>).</summary>
[InstanceConsumer]
public sealed class MessageUpdatedFanOut(IHubContext<ChatHub> hub, LiveConnections connections, IDocumentStore store)
    : IConsumer<Contract.MessageUpdated>
{
    public async Task Consume(ConsumeContext<Contract.MessageUpdated> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var update = new MessageUpdate(m.ChannelId, m.Seq, m.MessageId, m.Text, m.Mentions, m.OccurredAt, m.Deleted, m.Card);
        PricedPushes.Readers? readers = null;
        string? author = null;
        if (PriceVisibility.MayHidePrices(m.Text, m.Card))
        {
            await using var session = store.QuerySession(m.TenantId);
            readers = await PricedPushes.ReadersAsync(session, await session.LoadAsync<Channel>(m.ChannelId, ct), m.Text, m.Card, ct);
            author = Guid.TryParse(m.MessageId, out var id) ? (await session.LoadAsync<ChatMessage>(id, ct))?.AuthorId : null;
        }
        if (readers is null)
        {
            await hub.Clients.Group(ChatHub.GroupOf(m.TenantId, m.ChannelId)).SendAsync(ChatHub.MessageUpdated, update, ct);
            return;
        }
        var withheld = author is null || PriceVisibility.IsPricedText(m.ChannelId, author, m.Text, readers.Directory);
        await PricedPushes.SendAsync(hub, connections, m.TenantId, readers, ChatHub.MessageUpdated, v => v.SeesPricesIn(m.ChannelId)
            ? update
            : update with { Text = withheld ? PriceVisibility.Withheld : update.Text, Card = update.Card.For(false) }, ct);
    }
}

/// <summary>What changed in a message; clients merge it into the message with the same <c>seq</c>.</summary>
public sealed record MessageUpdate(string ChannelId, long Seq, string Id, string Text, IReadOnlyList<string> Mentions,
    DateTimeOffset EditedAt, bool Deleted, Contract.ChatCard? Card);

/// <summary>A bounded window of message ids this replica already pushed.</summary>
public sealed class RecentMessages(int capacity = 10_000)
{
    private readonly HashSet<Guid> seen = [];
    private readonly Queue<Guid> order = new();
    private readonly Lock gate = new();

    public bool FirstTime(Guid id)
    {
        if (id == Guid.Empty) return true;
        lock (gate)
        {
            if (!seen.Add(id)) return false;
            order.Enqueue(id);
            if (order.Count > capacity) seen.Remove(order.Dequeue());
            return true;
        }
    }
}
