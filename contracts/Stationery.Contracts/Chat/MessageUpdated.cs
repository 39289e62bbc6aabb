namespace Stationery.Contracts.Chat;

/// <summary>
/// A message was edited or withdrawn by its author, or its card changed (a button was pressed, the outcome arrived); its
/// <c>Seq</c> and place in the channel stay the same.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="MessageId">The message.</param>
/// <param name="Seq">Its sequence number in the channel.</param>
/// <param name="Text">The new text (empty when withdrawn).</param>
/// <param name="Mentions">User ids the new text mentions.</param>
/// <param name="Deleted">True when the author withdrew the message.</param>
/// <param name="OccurredAt">When it was changed.</param>
[WireName("stationery.chat.message-updated")]
public sealed record MessageUpdated(string TenantId, string ChannelId, string MessageId, long Seq, string Text,
    IReadOnlyList<string> Mentions, bool Deleted, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The message's card as it is now, if it carries one.</summary>
    public ChatCard? Card { get; init; }
}
