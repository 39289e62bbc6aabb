using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Stationery.Hosting.Security;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions;

/// <summary>
/// Issues the platform's access tokens (JWT, HS256, the shared <see cref="JwtSettings"/>), with the claims named in
/// <see cref="PlatformClaims"/>: one <c>role</c> claim per role, one <c>branch</c> claim per branch, <c>supplier</c> for guests.
/// </summary>
public sealed class AccessTokens(JwtSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public sealed record Issued(string AccessToken, DateTimeOffset ExpiresAt);

    public Issued Issue(string chain, UserAccount account)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, account.Id),
            new(PlatformClaims.Tenant, chain),
            new(PlatformClaims.Name, account.DisplayName),
            new(PlatformClaims.Username, account.Username),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(PlatformClaims.Role, r)));
        claims.AddRange(account.Branches.Select(b => new Claim(PlatformClaims.Branch, b)));
        if (account.SupplierId is not null) claims.Add(new Claim(PlatformClaims.Supplier, account.SupplierId));

        var now = time.GetUtcNow();
        var expires = now + settings.AccessTokenLifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        });
        return new Issued(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }
}
