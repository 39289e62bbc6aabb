using Marten;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions;

/// <summary>
/// What login and refresh answer: <c>{ accessToken, expiresAt, refreshToken, refreshExpiresAt, chain, user: { id, name,
/// username, roles, branches, supplierId } }</c>. The refresh token is used once: keep the new one each time.
/// </summary>
public sealed record SignedIn(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt,
    string Chain, SignedInUser User)
{
    /// <summary>A fresh access token and the next refresh token of <paramref name="familyId"/> (null: a new login); the caller commits <paramref name="session"/>.</summary>
    public static SignedIn For(IDocumentSession session, string chain, UserAccount account, AccessTokens tokens, RefreshTokens refresh,
        string? familyId = null)
    {
        var access = tokens.Issue(chain, account);
        var next = refresh.Issue(session, chain, account.Id, familyId);
        return new SignedIn(access.AccessToken, access.ExpiresAt, next.Token, next.ExpiresAt, chain,
            new SignedInUser(account.Id, account.DisplayName, account.Username, account.Roles, account.Branches, account.SupplierId));
    }
}

public sealed record SignedInUser(string Id, string Name, string Username, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Branches, string? SupplierId);
