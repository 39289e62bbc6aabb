using JasperFx.Events;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Messaging;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Integration;

/// <summary>
/// Identity's domain events as public directory contracts. An hq account is published with role <c>hq</c> and an empty
/// branch list: it stands for every branch of the chain, present and future. A supplier guest is published as
/// <see cref="StaffMemberAdded"/> with role <c>supplier</c>, no branches and its SupplierId.
/// </summary>
public sealed class IdentityEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data switch
    {
        ChainSignedUp c => new ChainRegistered(e.TenantId, c.Name, e.Timestamp),
        BranchAdded b => new BranchOpened(e.TenantId, b.Code, b.Name, b.TimeZone, e.Timestamp),
        Chains.BranchSettingsChanged b => new Contracts.Identity.BranchSettingsChanged(e.TenantId, b.Code, b.Name, b.TimeZone, b.ClosingTime, e.Timestamp),
        UserEnrolled u => new StaffMemberAdded(e.TenantId, u.UserId, u.Username, u.DisplayName, u.Roles, u.Branches,
            u.SupplierId, e.Timestamp),
        UserRolesChanged r => new StaffRolesChanged(e.TenantId, e.StreamKey!, r.Roles, r.Branches, e.Timestamp),
        UserDisabled => new StaffMemberDisabled(e.TenantId, e.StreamKey!, e.Timestamp),
        _ => null,
    };
}
