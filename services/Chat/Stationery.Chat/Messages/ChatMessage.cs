using JasperFx.Events;
using Marten.Events.Projections;
using Stationery.Chat.Channels;

namespace Stationery.Chat.Messages;

/// <summary>A message as readers page through it (read model of <see cref="MessagePosted"/>, written inline).</summary>
public sealed record ChatMessage(Guid Id, string ChannelId, long Seq, string AuthorId, string AuthorName, string Text,
    string[] Mentions, bool Important, Guid? ReplyTo, DateTimeOffset PostedAt)
{
    public MessageDto ToDto() => new(ChannelId, Seq, Id.ToString(), AuthorId, AuthorName, Text, Mentions, Important,
        ReplyTo?.ToString(), PostedAt);

    public static ChatMessage From(string channelId, MessagePosted p) =>
        new(p.MessageId, channelId, p.Seq, p.AuthorId, p.AuthorName, p.Text, p.Mentions, p.Important, p.ReplyTo, p.PostedAt);
}

/// <summary>A message as clients see it, over HTTP and on the hub (<c>messagePosted</c>).</summary>
public sealed record MessageDto(string ChannelId, long Seq, string Id, string AuthorId, string AuthorName, string Text,
    IReadOnlyList<string> Mentions, bool Important, string? ReplyTo, DateTimeOffset PostedAt);

public sealed class MessageProjection : MultiStreamProjection<ChatMessage, Guid>
{
    public MessageProjection()
    {
        Identity<MessagePosted>(e => e.MessageId);
    }

    public override ChatMessage? Evolve(ChatMessage? snapshot, Guid id, IEvent e) => e.Data switch
    {
        MessagePosted p => ChatMessage.From(e.StreamKey!, p),
        _ => snapshot,
    };
}
