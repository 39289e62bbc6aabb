namespace Stationery.Contracts.Chat;

/// <summary>A member has read a channel up to a message; their other devices update their unread badge.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">The member who read it.</param>
/// <param name="Seq">Everything up to and including this sequence number is read.</param>
/// <param name="OccurredAt">When it was read.</param>
[WireName("stationery.chat.channel-read")]
public sealed record ChannelRead(string TenantId, string ChannelId, string UserId, long Seq, DateTimeOffset OccurredAt) : IIntegrationEvent;
