using Stationery.Hosting.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stationery.Hosting.Errors;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Sessions.LoggingIn;

/// <summary>
/// Username and password for an access token and a refresh token (a new family). An unknown chain, an unknown user, a wrong password and a disabled account
/// all get the same 401, in about the same time, so a caller cannot probe which chains or usernames exist.
/// </summary>
public static class LogIn
{
    public sealed record Request(string? Chain, string? Username, string? Password);

    public static RouteGroupBuilder MapLogIn(this RouteGroupBuilder api)
    {
        api.MapPost("/login", Handle).RequirePermission("session").WithName("LogIn");
        return api;
    }

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Handle(Request request, IDocumentStore store,
        AccessTokens tokens, RefreshTokens refresh, CancellationToken ct)
    {
        var v = new Validation();
        v.NotEmpty(request.Chain, "chain", 100);
        v.NotEmpty(request.Username, "username", 100);
        v.Require(!string.IsNullOrEmpty(request.Password), "password", "is required");
        v.ThrowIfInvalid();

        UserAccount? account = null;
        if (Codes.IsValid(request.Chain))
        {
            await using var session = store.QuerySession(request.Chain!);
            var username = Credentials.NormalizeUsername(request.Username!);
            account = await session.Query<UserAccount>().Where(a => a.Username == username).FirstOrDefaultAsync(ct);
        }
        if (!Credentials.Verify(account, request.Password!) || account!.Disabled)
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = PlatformProblemDetails.TypeBase + "invalid-credentials",
                Title = "Login failed",
                Detail = "The chain, username or password is wrong.",
            });

        await using var write = store.LightweightSession(request.Chain!);
        var signedIn = SignedIn.For(write, request.Chain!, account, tokens, refresh);
        await write.SaveChangesAsync(ct);
        return TypedResults.Ok(signedIn);
    }
}
