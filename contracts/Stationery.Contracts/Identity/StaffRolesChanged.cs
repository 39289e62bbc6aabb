namespace Stationery.Contracts.Identity;

/// <summary>A user's roles or branches changed; the lists are the complete new state.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="UserId">The user.</param>
/// <param name="Roles">All roles now held.</param>
/// <param name="Branches">All branches now assigned.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.identity.staff-roles-changed")]
public sealed record StaffRolesChanged(string TenantId, string UserId, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Branches, DateTimeOffset OccurredAt) : IIntegrationEvent;
