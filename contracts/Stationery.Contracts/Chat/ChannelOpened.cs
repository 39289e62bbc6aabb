namespace Stationery.Contracts.Chat;

/// <summary>A channel was created with its first members (a branch's 门店群/库存监控/盘点, a supplier channel, a group or a direct chat).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="Kind">group, supplier or direct.</param>
/// <param name="Name">Display name, e.g. 库存监控.</param>
/// <param name="BranchId">The channel's branch, if it belongs to one.</param>
/// <param name="Members">User ids of the first members.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.chat.channel-opened")]
public sealed record ChannelOpened(string TenantId, string ChannelId, string Kind, string Name, string? BranchId,
    IReadOnlyList<string> Members, DateTimeOffset OccurredAt) : IIntegrationEvent;
