using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Security;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions.ChangingPassword;

/// <summary>
/// The caller changes their own password, giving the current one. Every refresh token of the account is revoked (other
/// devices must log in again); this device gets a new session in the answer.
/// </summary>
public static class ChangePassword
{
    public sealed record Request(string? CurrentPassword, string? NewPassword);

    public static IReadOnlyList<object> Decide(UserAccount? account, string userId, string currentPassword, string newPassword, string newPasswordHash)
    {
        if (account is not { Disabled: false })
            throw new DomainException("account-disabled", "此账号已停用。This account no longer exists or has been disabled.", StatusCodes.Status401Unauthorized);
        var v = new Validation();
        v.Require(Credentials.Verify(account, currentPassword), "currentPassword", "当前密码不正确 does not match the current password");
        v.Require(currentPassword != newPassword, "newPassword", "新密码须与当前密码不同 must differ from the current password");
        v.ThrowIfInvalid();
        return [new PasswordChanged(newPasswordHash, userId)];
    }

    public static RouteGroupBuilder MapChangePassword(this RouteGroupBuilder api)
    {
        api.MapPost("/me/password", Handle).RequirePermission("me").WithSecretAnswer().WithName("ChangePassword");
        return api;
    }

    private static async Task<Ok<SignedIn>> Handle(Request request, ClaimsPrincipal user, IDocumentSession session, AccessTokens tokens,
        RefreshTokens refresh, CancellationToken ct)
    {
        new Validation()
            .Require(!string.IsNullOrEmpty(request.CurrentPassword), "currentPassword", "is required")
            .Password(request.NewPassword, "newPassword")
            .ThrowIfInvalid();
        var id = user.UserId();
        var hash = Credentials.Hash(request.NewPassword!);
        await session.Decide<UserAccount>(id, account => Decide(account, id, request.CurrentPassword!, request.NewPassword!, hash), ct);
        RefreshTokens.RevokeAll(session, id);
        await session.SaveChangesAsync(ct);
        var account = await session.LoadCallerAsync(user, ct);
        var signedIn = SignedIn.For(session, user.RequiredTenantId(), account, tokens, refresh);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(signedIn);
    }
}
