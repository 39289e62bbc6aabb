using JasperFx.Events;
using Marten.Events.Projections;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Attachments;
using ChatAttachment = Stationery.Contracts.Chat.ChatAttachment;
using ChatCard = Stationery.Contracts.Chat.ChatCard;

namespace Stationery.Chat.Messages;

/// <summary>
/// A message as readers page through it (read model of <see cref="MessagePosted"/>, written inline). <see cref="Earlier"/>
/// keeps the texts an edit replaced, oldest first (the edit history); a withdrawal drops them with the text.
/// </summary>
public sealed record ChatMessage(Guid Id, string ChannelId, long Seq, string AuthorId, string AuthorName, string Text,
    string[] Mentions, bool Important, Guid? ReplyTo, DateTimeOffset PostedAt, DateTimeOffset? EditedAt = null, bool Deleted = false,
    Card? Card = null, AttachmentRef[]? Attachments = null, EarlierVersion[]? Earlier = null)
{
    /// <summary>How many times the text was edited (a withdrawn message: 0, its history is withheld).</summary>
    public int Edits => Earlier?.Length ?? 0;

    public MessageDto ToDto() => new(ChannelId, Seq, Id.ToString(), AuthorId, AuthorName, Text, Mentions, Important,
        ReplyTo?.ToString(), PostedAt, EditedAt, Deleted, Card?.ToContract(), Deleted ? [] : [.. (Attachments ?? []).Select(a => a.ToContract())],
        Edits);

    public static ChatMessage From(string channelId, MessagePosted p) =>
        new(p.MessageId, channelId, p.Seq, p.AuthorId, p.AuthorName, p.Text, p.Mentions, p.Important, p.ReplyTo, p.PostedAt, Card: p.Card,
            Attachments: p.Attachments);

    public ChatMessage Edited(MessageEdited e) => this with
    {
        Earlier = [.. Earlier ?? [], new EarlierVersion(Text, EditedAt ?? PostedAt)], Text = e.Text, Mentions = e.Mentions, EditedAt = e.EditedAt,
    };

    public ChatMessage Withdrawn(MessageDeleted e) => this with { Text = "", Mentions = [], Deleted = true, EditedAt = e.DeletedAt, Earlier = null };
}

/// <summary>A text the message had before an edit, and since when (posted, or the edit that wrote it).</summary>
public sealed record EarlierVersion(string Text, DateTimeOffset Since);

/// <summary>A message as clients see it, over HTTP and on the hub (<c>messagePosted</c>).</summary>
public sealed record MessageDto(string ChannelId, long Seq, string Id, string AuthorId, string AuthorName, string Text,
    IReadOnlyList<string> Mentions, bool Important, string? ReplyTo, DateTimeOffset PostedAt, DateTimeOffset? EditedAt = null,
    bool Deleted = false, ChatCard? Card = null, IReadOnlyList<ChatAttachment>? Attachments = null, int Edits = 0)
{
    /// <summary>The text was changed since it was posted (its versions: <c>GET …/messages/{id}/history</c>).</summary>
    public bool Edited => Edits > 0;
}

public sealed class MessageProjection : MultiStreamProjection<ChatMessage, Guid>
{
    public MessageProjection()
    {
        Identity<MessagePosted>(e => e.MessageId);
        Identity<MessageEdited>(e => e.MessageId);
        Identity<MessageDeleted>(e => e.MessageId);
        Identity<CardUpdated>(e => e.MessageId);
    }

    public override ChatMessage? Evolve(ChatMessage? snapshot, Guid id, IEvent e) => e.Data switch
    {
        MessagePosted p => ChatMessage.From(e.StreamKey!, p),
        MessageEdited edited => snapshot?.Edited(edited),
        MessageDeleted deleted => snapshot?.Withdrawn(deleted),
        CardUpdated card => snapshot is null ? null : snapshot with { Card = card.Card },
        _ => snapshot,
    };
}
