using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Security;

namespace Stationery.Identity.Sessions.Refreshing;

/// <summary>
/// The refresh path: a still-valid access token is exchanged for a fresh one built from the account as stored now, so
/// changed roles and branches take effect and a disabled account is refused (it then loses access when its last token
/// expires, within <see cref="JwtSettings.AccessTokenLifetime"/>).
/// </summary>
public static class RefreshToken
{
    public static RouteGroupBuilder MapRefreshToken(this RouteGroupBuilder api)
    {
        api.MapPost("/token/refresh", Handle).RequirePermission("me").WithName("RefreshToken");
        return api;
    }

    private static async Task<Ok<SignedIn>> Handle(ClaimsPrincipal user, IQuerySession session, AccessTokens tokens, CancellationToken ct)
    {
        var account = await session.LoadCallerAsync(user, ct);
        return TypedResults.Ok(SignedIn.For(user.RequiredTenantId(), account, tokens));
    }
}
