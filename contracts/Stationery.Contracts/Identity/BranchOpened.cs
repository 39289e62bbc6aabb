namespace Stationery.Contracts.Identity;

/// <summary>A branch (门店) was opened in a chain.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code, unique in the chain, e.g. <c>main</c>.</param>
/// <param name="Name">Display name, e.g. 总店.</param>
/// <param name="TimeZone">IANA time zone of the branch, e.g. Asia/Shanghai.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.identity.branch-opened")]
public sealed record BranchOpened(string TenantId, string BranchId, string Name, string TimeZone, DateTimeOffset OccurredAt) : IIntegrationEvent;
