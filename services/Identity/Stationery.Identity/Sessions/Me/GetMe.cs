using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Security;

namespace Stationery.Identity.Sessions.Me;

/// <summary>
/// The caller's account as stored now (roles changed since the token was issued show here first), with the names of the
/// permissions its roles hold (the web app shows and hides by these) and how far they reach.
/// </summary>
public static class GetMe
{
    public sealed record Response(string Chain, string Id, string Username, string Name, IReadOnlyList<string> Roles,
        IReadOnlyList<string> Branches, string? SupplierId, IReadOnlyList<string> Permissions, MeReach Reach);

    /// <summary>Every branch of the chain (hq), or <see cref="Branches"/>; a supplier guest reaches its supplier only.</summary>
    public sealed record MeReach(bool AllBranches, IReadOnlyList<string> Branches, string? Supplier);

    public static RouteGroupBuilder MapGetMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Handle).RequirePermission("me").WithName("GetMe");
        return api;
    }

    private static async Task<Ok<Response>> Handle(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = await session.LoadCallerAsync(user, ct);
        return TypedResults.Ok(new Response(user.RequiredTenantId(), account.Id, account.Username, account.DisplayName,
            account.Roles, account.Branches, account.SupplierId, Permissions.Held(account.Roles.ToList()),
            new MeReach(account.Roles.Contains(PlatformRoles.Hq), account.Branches, account.SupplierId)));
    }
}
