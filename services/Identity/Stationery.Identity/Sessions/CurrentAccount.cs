using System.Security.Claims;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions;

public static class CurrentAccount
{
    /// <summary>The caller's account as stored now; a disabled or missing account answers 401 even with a valid token.</summary>
    public static async Task<UserAccount> LoadCallerAsync(this IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var account = await session.LoadAsync<UserAccount>(user.UserId(), ct);
        return account is { Disabled: false }
            ? account
            : throw new DomainException("account-disabled", "This account no longer exists or has been disabled.", StatusCodes.Status401Unauthorized);
    }
}

/// <summary>A token of an account Identity holds as disabled is refused on every Identity route, read from Identity's own store.</summary>
internal sealed class OwnAccounts : IDisabledAccountLookup
{
    public async Task<bool> IsDisabledAsync(IQuerySession session, string userId, CancellationToken ct) =>
        await session.LoadAsync<UserAccount>(userId, ct) is { Disabled: true };
}
