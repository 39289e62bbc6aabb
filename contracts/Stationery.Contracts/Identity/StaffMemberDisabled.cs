namespace Stationery.Contracts.Identity;

/// <summary>
/// An account (staff member or supplier guest) was disabled: it can no longer log in or refresh its token. Services that
/// hold live sessions (chat connections) end them; tokens already issued expire within the access-token lifetime.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="UserId">The disabled user.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.identity.staff-member-disabled")]
public sealed record StaffMemberDisabled(string TenantId, string UserId, DateTimeOffset OccurredAt) : IIntegrationEvent;
