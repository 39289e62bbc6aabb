using JasperFx.Events;
using Stationery.Chat.Channels;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Integration;

/// <summary>Chat's domain events that become public contracts (published by the outbox forwarder after commit).</summary>
public sealed class ChatEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data switch
    {
        MessagePosted m => new Contract.MessagePosted(e.TenantId, e.StreamKey!, m.Branch, m.MessageId.ToString(), m.Seq, m.AuthorId,
            m.AuthorName, m.Text, m.Mentions, m.Important, m.PostedAt) { ReplyTo = m.ReplyTo?.ToString() },
        _ => null,
    };
}
