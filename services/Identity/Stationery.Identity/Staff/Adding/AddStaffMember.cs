using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.Staff.Adding;

/// <summary>An owner or hq adds a staff member with roles at branches, within their own reach (<see cref="GrantRules"/>).</summary>
public static class AddStaffMember
{
    public sealed record Request(string? Username, string? DisplayName, string? Password, IReadOnlyList<string>? Roles,
        IReadOnlyList<string>? Branches);

    /// <summary>Roles staff can be given here; <c>supplier</c> comes only with a supplier contact.</summary>
    public static readonly IReadOnlyList<string> StaffRoles =
        [PlatformRoles.Owner, PlatformRoles.Manager, PlatformRoles.Clerk, PlatformRoles.Hq];

    public static RouteGroupBuilder MapAddStaffMember(this RouteGroupBuilder api)
    {
        api.MapPost("/staff", Handle).RequirePermission("directory.manage").WithName("AddStaffMember");
        return api;
    }

    private static async Task<Created<StaffView>> Handle(Request request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var v = new Validation();
        v.Username(request.Username, "username");
        v.NotEmpty(request.DisplayName, "displayName", 100);
        v.Password(request.Password, "password");
        v.RolesAndBranches(request.Roles, request.Branches);
        v.ThrowIfInvalid();

        GrantRules.Grant(await session.CallerAsync(user, await session.LoadAsync<Chain>(Chain.StreamId, ct), ct),
            Distinct(request.Roles!), Distinct(request.Branches!));

        var command = new Enroll(Enrollment.NewUserId(), Credentials.NormalizeUsername(request.Username!),
            request.DisplayName!.Trim(), Credentials.Hash(request.Password!), Distinct(request.Roles!), Distinct(request.Branches!), null);
        await session.EnrollAsync(command, ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/identity/staff/{command.UserId}",
            new StaffView(command.UserId, command.Username, command.DisplayName, command.Roles, command.Branches, null, false));
    }

    /// <summary>At least one staff role; every role but hq applies to at least one branch (hq covers them all).</summary>
    public static Validation RolesAndBranches(this Validation v, IReadOnlyList<string>? roles, IReadOnlyList<string>? branches)
    {
        if (roles is null || roles.Count == 0) v.Add("roles", "at least one role is required");
        else if (roles.Except(StaffRoles).ToList() is { Count: > 0 } unknown)
            v.Add("roles", $"unknown role: {string.Join(", ", unknown)} (allowed: {string.Join(", ", StaffRoles)})");
        if (branches is null) v.Add("branches", "is required (an empty list for hq only)");
        else if (branches.Count == 0 && roles is { Count: > 0 } && !roles.Contains(PlatformRoles.Hq))
            v.Add("branches", "at least one branch is required unless the role is hq");
        return v;
    }

    public static IReadOnlyList<string> Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).ToList();
}
