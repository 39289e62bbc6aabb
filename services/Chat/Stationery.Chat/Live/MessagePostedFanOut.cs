using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.Notifying;
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
        var dto = new MessageDto(m.ChannelId, m.Seq, m.MessageId, m.AuthorId, m.AuthorName, m.Text, m.Mentions, m.Important,
            m.ReplyTo, m.OccurredAt, Card: m.Card, Attachments: m.Attachments ?? []);
        await hub.Clients.Group(ChatHub.GroupOf(m.TenantId, m.ChannelId)).SendAsync(ChatHub.MessagePosted, dto, context.CancellationToken);
        await NotifyAsync(m, context.CancellationToken);
    }

    /// <summary>
    /// <c>notification</c> to each member connected to this replica whose level lets the message through (important ones:
    /// everybody). Each replica tells only its own connections, so a member is notified once per device.
    /// </summary>
    private async Task NotifyAsync(Contract.MessagePosted m, CancellationToken ct)
    {
        await using var session = store.QuerySession(m.TenantId);
        var channel = await session.LoadAsync<Channel>(m.ChannelId, ct);
        var here = channel?.Members.Where(u => connections.Of(m.TenantId, u).Count > 0).ToArray() ?? [];
        if (here.Length == 0) return;
        var levels = (await session.LoadManyAsync<NotificationSetting>(ct, here.Select(u => NotificationSetting.IdFor(m.ChannelId, u)).ToArray()))
            .ToDictionary(s => s.UserId, s => s.Level, StringComparer.Ordinal);
        var facts = new NotifiableMessage(m.AuthorId, m.Mentions, m.Important, m.Quiet);
        foreach (var user in here)
        {
            if (NotificationRules.Reason(levels.GetValueOrDefault(user), user, facts) is not { } reason) continue;
            await hub.Clients.Group(ChatHub.UserGroupOf(m.TenantId, user)).SendAsync(ChatHub.Notification,
                new Notification(m.ChannelId, channel!.Name, m.Seq, m.MessageId, m.AuthorName, Preview(m.Text), m.Important, reason), ct);
        }
    }

    private static string Preview(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>What a device shows as a notification; <see cref="Reason"/> is important, mention, alert or message.</summary>
public sealed record Notification(string ChannelId, string ChannelName, long Seq, string MessageId, string AuthorName, string Text,
    bool Important, string Reason);

/// <summary>An edit, a withdrawal or a card's new state: members connected to this replica update the message in place (<c>messageUpdated</c>).</summary>
[InstanceConsumer]
public sealed class MessageUpdatedFanOut(IHubContext<ChatHub> hub) : IConsumer<Contract.MessageUpdated>
{
    public Task Consume(ConsumeContext<Contract.MessageUpdated> context)
    {
        var m = context.Message;
        return hub.Clients.Group(ChatHub.GroupOf(m.TenantId, m.ChannelId)).SendAsync(ChatHub.MessageUpdated,
            new MessageUpdate(m.ChannelId, m.Seq, m.MessageId, m.Text, m.Mentions, m.OccurredAt, m.Deleted, m.Card), context.CancellationToken);
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
