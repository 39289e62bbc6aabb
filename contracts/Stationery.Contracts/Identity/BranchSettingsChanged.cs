namespace Stationery.Contracts.Identity;

/// <summary>
/// A branch's settings (门店设置) changed: every setting as it now reads, so a consumer overwrites its copy (and ignores a
/// message older than the copy it has, by <see cref="OccurredAt"/>). The branch code never changes.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code, e.g. <c>main</c>.</param>
/// <param name="Name">Display name, e.g. 总店.</param>
/// <param name="TimeZone">IANA time zone of the branch, e.g. Asia/Shanghai: its calendar days are counted in it.</param>
/// <param name="ClosingTime">打烊时间 on the branch's clock: when its evening report is pushed; null for the platform's default.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.identity.branch-settings-changed")]
public sealed record BranchSettingsChanged(string TenantId, string BranchId, string Name, string TimeZone, TimeOnly? ClosingTime,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
