using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.SupplierContacts.Inviting;

/// <summary>
/// A supplier's contact person gets a guest account: role <c>supplier</c>, no branches, bound to one supplier (the
/// <c>supplier</c> claim), so they see only their supplier channel and their purchase orders.
/// </summary>
public static class AddSupplierContact
{
    public sealed record Request(string? SupplierId, string? Username, string? DisplayName, string? Password);

    public static Enroll ToCommand(string supplierId, string username, string displayName, string password) =>
        new(Enrollment.NewUserId(), Credentials.NormalizeUsername(username), displayName.Trim(), Credentials.Hash(password),
            [PlatformRoles.Supplier], [], supplierId.Trim());

    public static RouteGroupBuilder MapAddSupplierContact(this RouteGroupBuilder api)
    {
        api.MapPost("/supplier-contacts", Handle).RequirePermission("directory.manage").WithName("AddSupplierContact");
        return api;
    }

    private static async Task<Created<StaffView>> Handle(Request request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var v = new Validation();
        v.NotEmpty(request.SupplierId, "supplierId", 100);
        v.Username(request.Username, "username");
        v.NotEmpty(request.DisplayName, "displayName", 100);
        v.Password(request.Password, "password");
        v.ThrowIfInvalid();

        var command = ToCommand(request.SupplierId!, request.Username!, request.DisplayName!, request.Password!);
        GrantRules.Grant(await session.CallerAsync(user, await session.LoadAsync<Chain>(Chain.StreamId, ct), ct), command.Roles, command.Branches);
        await session.EnrollAsync(command, ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/identity/staff/{command.UserId}",
            new StaffView(command.UserId, command.Username, command.DisplayName, command.Roles, command.Branches, command.SupplierId, false));
    }
}
