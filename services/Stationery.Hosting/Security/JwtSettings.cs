using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Stationery.Hosting.Security;

/// <summary>Token settings shared by the issuer (Identity), the gateway and every service (section <c>Jwt</c>).</summary>
public sealed class JwtSettings
{
    public string Issuer { get; set; } = "stationery";
    public string Audience { get; set; } = "stationery";
    public string SigningKey { get; set; } = "";
    /// <summary>Short, so a disabled account loses access soon; clients refresh (<c>POST /api/identity/token/refresh</c>) before expiry.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public SymmetricSecurityKey Key()
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < 32)
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key(),
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = PlatformClaims.Name,
        RoleClaimType = PlatformClaims.Role,
    };
}
