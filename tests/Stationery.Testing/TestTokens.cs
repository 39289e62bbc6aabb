using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Stationery.Hosting.Security;

namespace Stationery.Testing;

/// <summary>Access tokens for service tests, signed with the key the test hosts are configured with.</summary>
public static class TestTokens
{
    public const string SigningKey = "stationery-test-signing-key-0123456789-abcdef";

    public static JwtSettings Settings { get; } = new() { SigningKey = SigningKey };

    public static string Issue(string tenant, string userId, IEnumerable<string> roles, IEnumerable<string> branches,
        string? name = null, TimeSpan? lifetime = null, JwtSettings? settings = null)
    {
        settings ??= Settings;
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, userId),
            new(PlatformClaims.Tenant, tenant),
            new(PlatformClaims.Name, name ?? userId),
        };
        claims.AddRange(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        claims.AddRange(branches.Select(b => new Claim(PlatformClaims.Branch, b)));
        return Sign(claims, lifetime, settings);
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
        return Sign(claims, null, Settings);
    }

    private static string Sign(List<Claim> claims, TimeSpan? lifetime, JwtSettings settings)
    {
        var now = DateTime.UtcNow;
        var life = lifetime ?? TimeSpan.FromHours(1);
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims,
            notBefore: life < TimeSpan.Zero ? now + life - TimeSpan.FromHours(1) : now,
            expires: now + life,
            signingCredentials: new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
