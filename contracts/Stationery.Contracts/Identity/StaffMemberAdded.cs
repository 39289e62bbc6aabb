namespace Stationery.Contracts.Identity;

/// <summary>A staff member (or a supplier guest) got an account.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="UserId">Stable user id.</param>
/// <param name="Username">Login name, unique in the chain.</param>
/// <param name="DisplayName">Name shown in chat, e.g. 张店长.</param>
/// <param name="Roles">owner, manager, clerk, hq, supplier.</param>
/// <param name="Branches">Branch codes the roles apply to (hq: all branches).</param>
/// <param name="SupplierId">For a supplier guest: the supplier they speak for.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.identity.staff-member-added")]
public sealed record StaffMemberAdded(string TenantId, string UserId, string Username, string DisplayName,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Branches, string? SupplierId, DateTimeOffset OccurredAt) : IIntegrationEvent;
