namespace Stationery.Contracts.Chat;

/// <summary>Someone became a member of a channel (a branch channel follows the directory; others are joined by invitation).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">The new member.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.chat.channel-member-joined")]
public sealed record ChannelMemberJoined(string TenantId, string ChannelId, string UserId, DateTimeOffset OccurredAt)
    : IIntegrationEvent;
