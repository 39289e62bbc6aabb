using System.Security.Claims;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Sessions;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.Staff.ResettingPassword;

/// <summary>
/// A directory admin (owner, hq) resets a staff member's or supplier contact's forgotten password: a temporary password is
/// returned once (tell it to them in person), every refresh token of the account is revoked and the old password stops
/// working. Only accounts within the caller's own reach (<see cref="GrantRules.Touch"/>). Your own password: change it (<c>POST /api/identity/me/password</c>).
/// </summary>
public static class ResetPassword
{
    public sealed record Response(string UserId, string Username, string TemporaryPassword);

    public static IReadOnlyList<object> Decide(UserAccount? account, string userId, Chain? chain, AccountReach by, string temporaryPasswordHash)
    {
        if (account is null) throw new NotFoundException("Staff member", userId);
        if (account.Disabled)
            throw new DomainException("account-disabled", "此账号已停用，不能重置密码。The account is disabled; its password cannot be reset.");
        if (account.Id == by.UserId)
            throw new DomainException("cannot-reset-own-password",
                "不能重置自己的密码，请修改密码。You cannot reset your own password: change it with your current one (POST /api/identity/me/password).", 403);
        GrantRules.Touch(by, AccountReach.Of(account, chain), "重置它的密码", "reset the password of");
        return [new PasswordChanged(temporaryPasswordHash, by.UserId)];
    }

    /// <summary>12 characters without look-alikes (0/O, 1/l/I), easy to read out over the counter: about 70 bits.</summary>
    public static string TemporaryPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);

    public static RouteGroupBuilder MapResetPassword(this RouteGroupBuilder api)
    {
        api.MapPost("/staff/{id}/password-reset", Handle).RequirePermission("directory.manage").WithSecretAnswer().WithName("ResetStaffPassword");
        return api;
    }

    private static async Task<Ok<Response>> Handle(string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var temporary = TemporaryPassword();
        var hash = Credentials.Hash(temporary);
        // Reach as stored now: a token issued before the caller opened a branch does not know it yet.
        var chain = await session.LoadAsync<Chain>(Chain.StreamId, ct);
        var by = await session.CallerAsync(user, chain, ct);
        await session.Decide<UserAccount>(id, account => Decide(account, id, chain, by, hash), ct);
        RefreshTokens.RevokeAll(session, id);
        await session.SaveChangesAsync(ct);
        var account = await session.LoadAsync<UserAccount>(id, ct) ?? throw new NotFoundException("Staff member", id);
        return TypedResults.Ok(new Response(account.Id, account.Username, temporary));
    }
}
