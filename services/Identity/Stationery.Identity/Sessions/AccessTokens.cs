using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Stationery.Hosting.Security;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions;

/// <summary>
/// Issues the platform's access tokens (JWT, ES256, signed with the newest of Identity's <see cref="SigningKeys"/>, its
/// <c>kid</c> in the header), with the claims named in <see cref="PlatformClaims"/>: one <c>role</c> claim per role, one
/// <c>branch</c> claim per branch, <c>supplier</c> for guests. Only Identity holds the private keys; everyone else verifies
/// with the public ones it serves (<c>/.well-known/jwks.json</c>).
/// </summary>
public sealed class AccessTokens(JwtSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Newest first; loaded at start, so Identity refuses to start without one.</summary>
    public IReadOnlyList<ECDsaSecurityKey> Keys { get; } = SigningKeys.LoadPrivate(settings);

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
            SigningCredentials = new SigningCredentials(Keys[0], SecurityAlgorithms.EcdsaSha256),
        });
        return new Issued(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }
}
