using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions;

/// <summary>What login and refresh answer: <c>{ accessToken, expiresAt, chain, user: { id, name, username, roles, branches, supplierId } }</c>.</summary>
public sealed record SignedIn(string AccessToken, DateTimeOffset ExpiresAt, string Chain, SignedInUser User)
{
    public static SignedIn For(string chain, UserAccount account, AccessTokens tokens)
    {
        var issued = tokens.Issue(chain, account);
        return new SignedIn(issued.AccessToken, issued.ExpiresAt, chain,
            new SignedInUser(account.Id, account.DisplayName, account.Username, account.Roles, account.Branches, account.SupplierId));
    }
}

public sealed record SignedInUser(string Id, string Name, string Username, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Branches, string? SupplierId);
