using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Stationery.Hosting.Security;

namespace Stationery.Testing;

/// <summary>
/// Access tokens for tests, signed ES256 with a P-256 key made once per test process (<see cref="PrivateKeyPem"/>). Test
/// hosts are configured with it: Identity signs with it, every other service and the gateway verify with its public JWKS
/// (<see cref="Jwks"/>), so a token issued here and one Identity issued are both accepted.
/// </summary>
public static class TestTokens
{
    private static readonly ECDsa KeyPair = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The test process's private key in PEM (Identity's <c>Jwt:SigningKeys:0</c>).</summary>
    public static string PrivateKeyPem { get; } = KeyPair.ExportECPrivateKeyPem();

    /// <summary>The signing key, with its <c>kid</c> (the thumbprint, as Identity computes it).</summary>
    public static ECDsaSecurityKey Key { get; } = SigningKeys.LoadPrivate(new JwtSettings { SigningKeys = [PrivateKeyPem] })[0];

    /// <summary>The public JWKS of <see cref="Key"/> (every other process's <c>Jwt:Jwks</c>).</summary>
    public static string Jwks { get; } = SigningKeys.Jwks([Key]);

    public static JwtSettings Settings { get; } = new();

    /// <summary>
    /// A staff token. <paramref name="settings"/> changes issuer and audience; <paramref name="signWith"/> signs with other
    /// credentials (another key, HS256) to test refusals.
    /// </summary>
    public static string Issue(string tenant, string userId, IEnumerable<string> roles, IEnumerable<string> branches,
        string? name = null, TimeSpan? lifetime = null, JwtSettings? settings = null, SigningCredentials? signWith = null)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, userId),
            new(PlatformClaims.Tenant, tenant),
            new(PlatformClaims.Name, name ?? userId),
        };
        claims.AddRange(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        claims.AddRange(branches.Select(b => new Claim(PlatformClaims.Branch, b)));
        return Sign(claims, lifetime, settings ?? Settings, signWith);
    }

    /// <summary>A supplier guest's token: role <c>supplier</c>, no branches, and the <c>supplier</c> claim it speaks for.</summary>
    public static string IssueSupplierGuest(string tenant, string userId, string supplierId, string? name = null)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, userId),
            new(PlatformClaims.Tenant, tenant),
            new(PlatformClaims.Name, name ?? userId),
            new(PlatformClaims.Role, PlatformRoles.Supplier),
            new(PlatformClaims.Supplier, supplierId),
        };
        return Sign(claims, null, Settings, null);
    }

    /// <summary>A fresh P-256 key nobody trusts, with a kid of its own (an attacker's key).</summary>
    public static SigningCredentials UnknownKey()
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
    }

    private static string Sign(List<Claim> claims, TimeSpan? lifetime, JwtSettings settings, SigningCredentials? signWith)
    {
        var now = DateTime.UtcNow;
        var life = lifetime ?? TimeSpan.FromHours(1);
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims,
            notBefore: life < TimeSpan.Zero ? now + life - TimeSpan.FromHours(1) : now,
            expires: now + life,
            signingCredentials: signWith ?? new SigningCredentials(Key, SecurityAlgorithms.EcdsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
