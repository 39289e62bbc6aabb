namespace Stationery.Contracts.Chat;

/// <summary>Someone is no longer a member of a channel (moved to another branch, account changed, or left).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">The former member.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.chat.channel-member-left")]
public sealed record ChannelMemberLeft(string TenantId, string ChannelId, string UserId, DateTimeOffset OccurredAt)
    : IIntegrationEvent;
