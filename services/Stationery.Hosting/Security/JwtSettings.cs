using Microsoft.IdentityModel.Tokens;

namespace Stationery.Hosting.Security;

/// <summary>
/// Token settings (section <c>Jwt</c>). Access tokens are ES256 JWTs signed by Identity alone; everyone else holds public
/// keys only. There is no default key: a process without its key refuses to start (<see cref="SigningKeys"/>).
/// </summary>
public sealed class JwtSettings
{
    public string Issuer { get; set; } = "stationery";
    public string Audience { get; set; } = "stationery";

    /// <summary>
    /// Identity only: its ES256 (P-256) private keys, each a PEM file path or the PEM text itself, newest first. The first
    /// signs; all are published in the JWKS and verify, so a key can be rotated in before the old one is dropped.
    /// </summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>
    /// Every other process (services, gateway): where the public keys come from. Either Identity's address
    /// (<c>{Authority}/.well-known/openid-configuration</c>, fetched at start, cached, re-fetched on an unknown <c>kid</c>)…
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>…or a JWKS document inline (the JSON text, or a path to it): for tests and operators without discovery.</summary>
    public string? Jwks { get; set; }

    /// <summary>Short, so a disabled account loses access soon; clients refresh (<c>POST /api/identity/token/refresh</c>) before expiry.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an unused refresh token lives; every refresh rotates it and starts this again (a phone asleep overnight stays signed in).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        RequireSignedTokens = true,
        // ES256 only: an HS256 token (the old shared secret, or a public key abused as an HMAC secret) is refused.
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = PlatformClaims.Name,
        RoleClaimType = PlatformClaims.Role,
    };
}
