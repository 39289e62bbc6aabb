using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Security;

namespace Stationery.Identity.Sessions.Me;

/// <summary>The caller's account as stored now (roles changed since the token was issued show here first).</summary>
public static class GetMe
{
    public sealed record Response(string Chain, string Id, string Username, string Name, IReadOnlyList<string> Roles,
        IReadOnlyList<string> Branches, string? SupplierId);

    public static RouteGroupBuilder MapGetMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Handle).WithName("GetMe");
        return api;
    }

    private static async Task<Ok<Response>> Handle(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = await session.LoadCallerAsync(user, ct);
        return TypedResults.Ok(new Response(user.RequiredTenantId(), account.Id, account.Username, account.DisplayName,
            account.Roles, account.Branches, account.SupplierId));
    }
}
