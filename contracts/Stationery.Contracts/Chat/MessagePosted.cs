namespace Stationery.Contracts.Chat;

/// <summary>A message was posted in a channel (by a person or by the platform's bot).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="BranchId">The channel's branch, if it belongs to one.</param>
/// <param name="MessageId">The message's id.</param>
/// <param name="Seq">Gap-free sequence number within the channel, starting at 1.</param>
/// <param name="AuthorId">User id of the author, or <c>bot</c>.</param>
/// <param name="AuthorName">Display name of the author.</param>
/// <param name="Text">The message text.</param>
/// <param name="Mentions">User ids mentioned in the message.</param>
/// <param name="Important">Marked important (stock alerts, discrepancies): reaches members who muted the channel.</param>
/// <param name="OccurredAt">When it was posted.</param>
[WireName("stationery.chat.message-posted")]
public sealed record MessagePosted(string TenantId, string ChannelId, string? BranchId, string MessageId, long Seq, string AuthorId,
    string AuthorName, string Text, IReadOnlyList<string> Mentions, bool Important, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The id of the message this one answers (its thread), if any.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bot card the message carries, if any.</summary>
    public ChatCard? Card { get; init; }

    /// <summary>Files attached to the message (images, PDFs), if any.</summary>
    public IReadOnlyList<ChatAttachment>? Attachments { get; init; }

    /// <summary>Folded into a digest (a burst of alerts): shown in the digest's thread, notifies nobody on its own.</summary>
    public bool Quiet { get; init; }
}
