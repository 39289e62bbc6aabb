using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Stationery.Testing;

namespace Stationery.Identity.Tests;

/// <summary>Refresh tokens (single use, rotated, family revoked on replay), password change and reset, key discovery.</summary>
public class SessionTests(IdentityHost host) : IClassFixture<IdentityHost>
{
    private const string NewPassword = "a-brand-new-secret";

    private static string NewChain(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<IdentityHost.LoginBody> Refreshed(string refreshToken)
    {
        var response = await host.RefreshAsync(refreshToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IdentityHost.LoginBody>())!;
    }

    /// <summary>A chain with branches main and east, and a clerk at main; returns the owner's token and the clerk's id.</summary>
    private async Task<(string Chain, string Owner, string ClerkId)> ChainWithClerkAsync(string prefix)
    {
        var chain = NewChain(prefix);
        var owner = await host.SignUpAsync(chain);
        foreach (var (code, name) in new[] { ("main", "总店"), ("east", "东区店") })
            (await host.As(owner).PostAsJsonAsync("/api/identity/branches", new { code, name, timeZone = "Asia/Shanghai" })).EnsureSuccessStatusCode();
        var added = await host.As(owner).PostAsJsonAsync("/api/identity/staff",
            new { username = "clerk", displayName = "小李", password = IdentityHost.Password, roles = new[] { "clerk" }, branches = new[] { "main" } });
        added.EnsureSuccessStatusCode();
        return (chain, owner, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Login_returns_a_refresh_token_that_works_once_and_is_replaced_by_the_next()
    {
        var (chain, _, _) = await ChainWithClerkAsync("rotate");
        var login = await host.SignInAsync(chain, "clerk", IdentityHost.Password);
        login.RefreshToken.ShouldStartWith(chain + ".");
        (login.RefreshExpiresAt - DateTimeOffset.UtcNow).ShouldBeGreaterThan(TimeSpan.FromDays(1), "a phone asleep overnight stays signed in");

        var second = await Refreshed(login.RefreshToken);
        var third = await Refreshed(second.RefreshToken);
        new[] { login.RefreshToken, second.RefreshToken, third.RefreshToken }.Distinct().Count().ShouldBe(3);
        new JsonWebToken(third.AccessToken).GetClaim("sub").Value.ShouldBe(login.User.Id);
    }

    [Fact]
    public async Task A_replayed_refresh_token_revokes_its_whole_family_but_not_the_accounts_other_logins()
    {
        var (chain, _, _) = await ChainWithClerkAsync("replay");
        var phone = await host.SignInAsync(chain, "clerk", IdentityHost.Password);
        var counter = await host.SignInAsync(chain, "clerk", IdentityHost.Password);
        var next = await Refreshed(phone.RefreshToken);

        // Someone replays the phone's first token (a copy): refused, and the family's newest token dies with it.
        var replay = await Problem(await host.RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized);
        replay.GetProperty("type").GetString().ShouldEndWith("/refresh-token-reused");
        replay.GetProperty("detail").GetString().ShouldStartWith("刷新令牌已被使用过");
        (await Problem(await host.RefreshAsync(next.RefreshToken), HttpStatusCode.Unauthorized))
            .GetProperty("type").GetString().ShouldEndWith("/invalid-refresh-token");

        // The counter's login is another family: untouched.
        (await Refreshed(counter.RefreshToken)).User.Id.ShouldBe(phone.User.Id);
    }

    [Fact]
    public async Task Unknown_malformed_and_missing_refresh_tokens_are_refused()
    {
        var (chain, _, _) = await ChainWithClerkAsync("unknown");
        var forged = $"{chain}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";
        foreach (var token in new[] { forged, "no-such-chain.abc", "garbage", $"{chain}." })
            (await Problem(await host.RefreshAsync(token), HttpStatusCode.Unauthorized))
                .GetProperty("type").GetString().ShouldBe("https://stationery.dev/problems/invalid-refresh-token", token);
        var missing = await Problem(await host.Anonymous().PostAsJsonAsync("/api/identity/token/refresh", new { }), HttpStatusCode.BadRequest);
        missing.GetProperty("errors").GetProperty("refreshToken")[0].GetString().ShouldBe("必填 / is required");
    }

    [Fact]
    public async Task A_disabled_users_refresh_fails_and_every_identity_route_refuses_the_account_at_once()
    {
        var (chain, owner, _) = await ChainWithClerkAsync("disabled");
        var added = await host.As(owner).PostAsJsonAsync("/api/identity/staff",
            new { username = "owner2", displayName = "二老板", password = IdentityHost.Password, roles = new[] { "owner" }, branches = new[] { "main" } });
        var secondOwnerId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var second = await host.SignInAsync(chain, "owner2", IdentityHost.Password);

        (await host.As(owner).PostAsync($"/api/identity/staff/{secondOwnerId}/disable", null)).EnsureSuccessStatusCode();

        // No probe: Identity reads its own accounts, not the copy the bus brings every other service.
        (await host.RefreshAsync(second.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.As(second.AccessToken).PostAsJsonAsync("/api/identity/staff",
            new { username = "owner3", displayName = "三老板", password = IdentityHost.Password, roles = new[] { "owner" }, branches = new[] { "main" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a just-disabled owner cannot add an owner");
        (await host.As(second.AccessToken).GetAsync("/api/identity/staff")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var staff = await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/staff");
        staff!.Select(s => s.GetProperty("username").GetString()).ShouldNotContain("owner3");
    }

    [Fact]
    public async Task Changing_the_password_revokes_every_refresh_token_and_the_old_password_stops_working()
    {
        var (chain, _, _) = await ChainWithClerkAsync("password");
        var phone = await host.SignInAsync(chain, "clerk", IdentityHost.Password);
        var counter = await host.SignInAsync(chain, "clerk", IdentityHost.Password);

        var wrong = await Problem(await host.As(counter.AccessToken).PostAsJsonAsync("/api/identity/me/password",
            new { currentPassword = "not-my-password", newPassword = NewPassword }), HttpStatusCode.BadRequest);
        wrong.GetProperty("errors").GetProperty("currentPassword")[0].GetString()!.ShouldContain("does not match the current password");
        var shortOne = await Problem(await host.As(counter.AccessToken).PostAsJsonAsync("/api/identity/me/password",
            new { currentPassword = IdentityHost.Password, newPassword = "short" }), HttpStatusCode.BadRequest);
        shortOne.GetProperty("errors").GetProperty("newPassword")[0].GetString().ShouldBe("至少 8 个字符 / must be at least 8 characters");
        (await Refreshed(phone.RefreshToken)).RefreshToken.ShouldNotBeEmpty("a refused change revokes nothing");

        var changed = await host.As(counter.AccessToken).PostAsJsonAsync("/api/identity/me/password",
            new { currentPassword = IdentityHost.Password, newPassword = NewPassword });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var here = (await changed.Content.ReadFromJsonAsync<IdentityHost.LoginBody>())!;

        (await host.RefreshAsync(counter.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "this device's old refresh token");
        (await host.RefreshAsync(phone.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the other device's refresh token");
        (await host.Anonymous().PostAsJsonAsync("/api/identity/login", new { chain, username = "clerk", password = IdentityHost.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old password");
        (await host.SignInAsync(chain, "clerk", NewPassword)).User.Id.ShouldBe(phone.User.Id);
        (await Refreshed(here.RefreshToken)).User.Id.ShouldBe(phone.User.Id, "the device that changed it stays signed in");
    }

    [Fact]
    public async Task An_owner_resets_a_clerks_forgotten_password_to_a_temporary_one_shown_once()
    {
        var (chain, owner, clerkId) = await ChainWithClerkAsync("reset");
        var clerk = await host.SignInAsync(chain, "clerk", IdentityHost.Password);

        var reset = await host.As(owner).PostAsync($"/api/identity/staff/{clerkId}/password-reset", null);
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await reset.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("username").GetString().ShouldBe("clerk");
        var temporary = body.GetProperty("temporaryPassword").GetString()!;
        temporary.Length.ShouldBe(12);

        (await host.RefreshAsync(clerk.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.Anonymous().PostAsJsonAsync("/api/identity/login", new { chain, username = "clerk", password = IdentityHost.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var withTemporary = await host.SignInAsync(chain, "clerk", temporary);
        (await host.As(withTemporary.AccessToken).PostAsJsonAsync("/api/identity/me/password",
            new { currentPassword = temporary, newPassword = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/staff"))!
            .ShouldAllBe(s => !s.ToString().Contains(temporary), "the temporary password is shown once, never listed");
    }

    [Fact]
    public async Task Only_a_directory_admin_resets_and_only_within_their_own_reach()
    {
        var (chain, owner, clerkId) = await ChainWithClerkAsync("reach");
        var ownerId = new JsonWebToken(owner).GetClaim("sub").Value;
        var clerk = await host.LogInAsync(chain, "clerk", IdentityHost.Password);
        (await Problem(await host.As(clerk).PostAsync($"/api/identity/staff/{ownerId}/password-reset", null), HttpStatusCode.Forbidden))
            .GetProperty("type").GetString().ShouldEndWith("/forbidden");

        (await host.As(owner).PostAsJsonAsync("/api/identity/staff", new
        {
            username = "east-owner", displayName = "东区老板", password = IdentityHost.Password, roles = new[] { "owner" }, branches = new[] { "east" },
        })).EnsureSuccessStatusCode();
        var eastOwner = await host.LogInAsync(chain, "east-owner", IdentityHost.Password);
        (await Problem(await host.As(eastOwner).PostAsync($"/api/identity/staff/{clerkId}/password-reset", null), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldStartWith("该账号的权限范围超出你的范围，你不能重置它的密码");
        var hq = await host.As(owner).PostAsJsonAsync("/api/identity/staff",
            new { username = "hq", displayName = "总部", password = IdentityHost.Password, roles = new[] { "hq" }, branches = Array.Empty<string>() });
        var hqId = (await hq.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await Problem(await host.As(eastOwner).PostAsync($"/api/identity/staff/{hqId}/password-reset", null), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldStartWith("该账号的权限范围超出你的范围，你不能重置它的密码");
        // The chain's founding owner reaches as far as hq (it may grant hq), so it may reset an hq account's password.
        (await host.As(owner).PostAsync($"/api/identity/staff/{hqId}/password-reset", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Problem(await host.As(owner).PostAsync($"/api/identity/staff/{ownerId}/password-reset", null), HttpStatusCode.Forbidden))
            .GetProperty("type").GetString().ShouldEndWith("/cannot-reset-own-password");

        (await host.LogInAsync(chain, "clerk", IdentityHost.Password)).ShouldNotBeEmpty("nothing was reset");
    }

    [Fact]
    public async Task Identity_publishes_its_public_keys_and_signs_es256_with_the_published_kid()
    {
        var (chain, _, _) = await ChainWithClerkAsync("jwks");
        var discovery = await host.Anonymous().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        discovery.GetProperty("issuer").GetString().ShouldBe("stationery");
        var jwksUri = discovery.GetProperty("jwks_uri").GetString()!;
        jwksUri.ShouldEndWith("/.well-known/jwks.json");
        var jwks = await host.Anonymous().GetFromJsonAsync<JsonElement>(new Uri(jwksUri).PathAndQuery);
        var key = jwks.GetProperty("keys").EnumerateArray().Single();
        key.GetProperty("kty").GetString().ShouldBe("EC");
        key.GetProperty("crv").GetString().ShouldBe("P-256");
        key.TryGetProperty("d", out _).ShouldBeFalse("the private part never leaves Identity");

        var token = new JsonWebToken(await host.LogInAsync(chain, "clerk", IdentityHost.Password));
        token.Alg.ShouldBe("ES256");
        token.Kid.ShouldBe(key.GetProperty("kid").GetString());
        token.Kid.ShouldBe(TestTokens.Key.KeyId);
    }
}

/// <summary>Identity with a new key rotated in before the test process's key: the new one signs, both verify.</summary>
public sealed class RotatedKeysHost : IdentityHost
{
    public static readonly string NewKeyPem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportECPrivateKeyPem();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jwt:SigningKeys:0"] = NewKeyPem, ["Jwt:SigningKeys:1"] = TestTokens.PrivateKeyPem,
    };
}

public class KeyRotationTests(RotatedKeysHost host) : IClassFixture<RotatedKeysHost>
{
    [Fact]
    public async Task After_a_rotation_the_newest_key_signs_and_tokens_of_the_older_key_still_work()
    {
        var chain = $"rot-{Guid.NewGuid():N}"[..20];
        var owner = await host.SignUpAsync(chain);
        var jwks = await host.Anonymous().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        kids.Count.ShouldBe(2);
        kids[1].ShouldBe(TestTokens.Key.KeyId);
        new JsonWebToken(owner).Kid.ShouldBe(kids[0], "the newest key signs");

        (await host.As(owner).GetAsync("/api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ownerId = new JsonWebToken(owner).GetClaim("sub").Value;
        var olderKeysToken = TestTokens.Issue(chain, ownerId, ["owner"], []);
        (await host.As(olderKeysToken).GetAsync("/api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the older key still verifies");
    }
}
