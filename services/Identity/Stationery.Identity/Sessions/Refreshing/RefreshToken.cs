using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions.Refreshing;

/// <summary>
/// A refresh token for a fresh access token (built from the account as stored now: changed roles show, a disabled account
/// is refused) and the next refresh token of the same family. No access token is needed: the refresh token is the
/// credential, and it works once. Presenting a used one again means it was copied: the whole family is revoked, so
/// whoever holds the newer token (thief or owner) must log in again.
/// </summary>
public static class RefreshToken
{
    public sealed record Request(string? RefreshToken);

    public static RouteGroupBuilder MapRefreshToken(this RouteGroupBuilder api)
    {
        api.MapPost("/token/refresh", Handle).RequirePermission("session").WithName("RefreshToken");
        return api;
    }

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Handle(Request request, IDocumentStore store, AccessTokens tokens,
        RefreshTokens refresh, TimeProvider time, CancellationToken ct)
    {
        new Validation().NotEmpty(request.RefreshToken, "refreshToken", 200).ThrowIfInvalid();
        if (RefreshTokens.ChainOf(request.RefreshToken) is not { } chain) return Refused(RefreshTokens.Verdict.Unknown);

        var hash = RefreshTokens.Hash(request.RefreshToken!);
        await using var session = store.LightweightSession(chain);
        var token = await session.LoadAsync<RefreshSession>(hash, ct);
        var spent = token is not null && await session.LoadAsync<SpentRefreshToken>(hash, ct) is not null;
        var account = token is null ? null : await session.LoadAsync<UserAccount>(token.UserId, ct);
        var verdict = RefreshTokens.Judge(token, spent, account, time.GetUtcNow());
        switch (verdict)
        {
            case RefreshTokens.Verdict.Valid:
                break;
            case RefreshTokens.Verdict.Replayed:
                await RevokeFamilyAsync(store, chain, token!.FamilyId, ct);
                return Refused(verdict);
            case RefreshTokens.Verdict.AccountDisabled:
                RefreshTokens.RevokeAll(session, token!.UserId);
                await session.SaveChangesAsync(ct);
                return Refused(verdict);
            default:
                return Refused(verdict);
        }

        session.Insert(new SpentRefreshToken(hash, token!.UserId, token.FamilyId, time.GetUtcNow()));
        refresh.ForgetExpired(session, token.UserId, time.GetUtcNow());
        var signedIn = SignedIn.For(session, chain, account!, tokens, refresh, token.FamilyId);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Two refreshes with the same token raced: one of them is a copy.
            await RevokeFamilyAsync(store, chain, token.FamilyId, ct);
            return Refused(RefreshTokens.Verdict.Replayed);
        }
        return TypedResults.Ok(signedIn);
    }

    private static async Task RevokeFamilyAsync(IDocumentStore store, string chain, string familyId, CancellationToken ct)
    {
        await using var session = store.LightweightSession(chain);
        RefreshTokens.RevokeFamily(session, familyId);
        await session.SaveChangesAsync(ct);
    }

    private static ProblemHttpResult Refused(RefreshTokens.Verdict verdict)
    {
        var (code, detail) = verdict switch
        {
            RefreshTokens.Verdict.Replayed => ("refresh-token-reused",
                "刷新令牌已被使用过，此登录的所有令牌均已作废，请重新登录。This refresh token was already used: every token of this login is revoked; log in again."),
            RefreshTokens.Verdict.AccountDisabled => ("account-disabled",
                "此账号已停用。This account no longer exists or has been disabled."),
            RefreshTokens.Verdict.Expired => ("refresh-token-expired",
                "刷新令牌已过期，请重新登录。The refresh token has expired; log in again."),
            _ => ("invalid-refresh-token",
                "刷新令牌无效或已作废，请重新登录。The refresh token is unknown or revoked; log in again."),
        };
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Type = PlatformProblemDetails.TypeBase + code,
            Title = "Refresh refused",
            Detail = detail,
        });
    }
}
