using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.IdentityModel.Tokens;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions;

/// <summary>
/// A refresh token as stored: only its SHA-256 (<see cref="Id"/>), never the token. Every token of one login belongs to
/// one <see cref="FamilyId"/>; each is used once and replaced by the next of its family.
/// </summary>
public sealed record RefreshSession(string Id, string UserId, string FamilyId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Written when a refresh token is used, with the token's hash as id: a second use (a replay, or two refreshes racing)
/// finds it, or fails to insert it (primary key), and the whole family is revoked.
/// </summary>
public sealed record SpentRefreshToken(string Id, string UserId, string FamilyId, DateTimeOffset SpentAt);

/// <summary>
/// Refresh tokens: opaque (<c>{chain}.{32 random bytes, base64url}</c>; the chain says which tenant's store holds it, the
/// random part is the secret), stored hashed, single use, rotated on every refresh. Revoking deletes: a revoked token is
/// simply unknown.
/// </summary>
public sealed class RefreshTokens(JwtSettings settings, TimeProvider time)
{
    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    /// <summary>What a presented refresh token is worth.</summary>
    public enum Verdict { Valid, Unknown, Expired, Replayed, AccountDisabled }

    /// <summary>The rule, without I/O: a token used before revokes its family even if its account is gone or disabled.</summary>
    public static Verdict Judge(RefreshSession? token, bool spent, UserAccount? account, DateTimeOffset now) =>
        token is null ? Verdict.Unknown
        : spent ? Verdict.Replayed
        : token.ExpiresAt <= now ? Verdict.Expired
        : account is not { Disabled: false } ? Verdict.AccountDisabled
        : Verdict.Valid;

    /// <summary>Stores a new token of <paramref name="familyId"/> (a new family for a login) in <paramref name="session"/>; the caller commits.</summary>
    public Issued Issue(IDocumentSession session, string chain, string userId, string? familyId = null)
    {
        var token = $"{chain}.{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";
        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + settings.RefreshTokenLifetime).ToUnixTimeSeconds());
        session.Store(new RefreshSession(Hash(token), userId, familyId ?? Guid.NewGuid().ToString("N"), now, expires));
        return new Issued(token, expires);
    }

    /// <summary>The chain a token names, or null for anything that is not one of ours.</summary>
    public static string? ChainOf(string? token)
    {
        var dot = token?.IndexOf('.') ?? -1;
        var chain = dot > 0 ? token![..dot] : null;
        return Codes.IsValid(chain) && token!.Length - dot - 1 == 43 ? chain : null;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Every refresh token of the account (disabling, a password change or reset); in the caller's transaction.</summary>
    public static void RevokeAll(IDocumentSession session, string userId)
    {
        session.DeleteWhere<RefreshSession>(t => t.UserId == userId);
        session.DeleteWhere<SpentRefreshToken>(t => t.UserId == userId);
    }

    /// <summary>
    /// Drops the account's tokens that expired, and the marks of tokens spent longer ago than a token lives (a replay of
    /// one is refused as unknown anyway), so the store does not grow by two documents every half hour for ever.
    /// </summary>
    public void ForgetExpired(IDocumentSession session, string userId, DateTimeOffset now)
    {
        session.DeleteWhere<RefreshSession>(t => t.UserId == userId && t.ExpiresAt < now);
        var spentBefore = now - settings.RefreshTokenLifetime;
        session.DeleteWhere<SpentRefreshToken>(t => t.UserId == userId && t.SpentAt < spentBefore);
    }

    public static void RevokeFamily(IDocumentSession session, string familyId)
    {
        session.DeleteWhere<RefreshSession>(t => t.FamilyId == familyId);
        session.DeleteWhere<SpentRefreshToken>(t => t.FamilyId == familyId);
    }
}
