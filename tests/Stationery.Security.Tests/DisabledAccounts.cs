using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>
/// What disabling promises (README "Permissions"): Identity refuses the account at once (its API, refresh and login), and
/// every other service refuses its still-valid access token as soon as Identity's <c>StaffMemberDisabled</c> reaches it
/// (chat also takes it out of every channel: Chat's own tests). Access tokens are short-lived anyway (<see cref="MaxAccessTokenLifetime"/>).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class DisabledAccounts(SecurityPlatform platform)
{
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task A_disabled_clerks_token_is_refused_by_every_service_refresh_and_login_fail_and_chat_drops_them()
    {
        var username = $"sec-leaver-{Guid.NewGuid():N}"[..20];
        var id = await platform.AddStaffAsync(username, "离职店员", ["clerk"], ["main"]);
        using var leaver = await GatewayClient.LoginAsync(platform.Gateway, username);
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway };
        (await leaver.Http.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Probe.Until(async () => (await leaver.Http.GetAsync($"api/chat/channels/{platform.A.ChannelId}/messages")).StatusCode == HttpStatusCode.OK,
            Probe.CrossService, "the new clerk joining branch main's channel");
        // What the clerk's token gets before: its own branch's stock and list; reports are not a clerk's (403).
        var elsewhere = new (string Path, HttpStatusCode Before)[]
        {
            ("api/inventory/branches/main/stock", HttpStatusCode.OK),
            ("api/purchasing/branches/main/purchase-list", HttpStatusCode.OK),
            ("api/reporting/branches/main/daily", HttpStatusCode.Forbidden),
        };
        foreach (var (path, before) in elsewhere) (await leaver.Http.GetAsync(path)).StatusCode.ShouldBe(before, path);

        (await platform.Owner.Http.PostAsync($"api/identity/staff/{id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await leaver.Http.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "Identity refuses at once");
        (await anonymous.PostAsJsonAsync("api/identity/token/refresh", new { refreshToken = leaver.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no fresh token");
        (await leaver.Http.PostAsJsonAsync("api/identity/login", new { chain = "demo", username, password = SecurityPlatform.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no new login");
        // The same token, still unexpired, everywhere else: refused once the event has arrived (authentication, before any rule).
        foreach (var (path, _) in elsewhere.Append(($"api/chat/channels/{platform.A.ChannelId}/messages", HttpStatusCode.OK)))
            await Probe.Until(async () => (await leaver.Http.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized,
                Probe.CrossService, $"{path} refusing the disabled clerk's token");
        (await leaver.Http.PostAsJsonAsync($"api/chat/channels/{platform.A.ChannelId}/messages", new { clientMessageId = "after-disable", text = "还在吗" }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a disabled account cannot post");
        (await leaver.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
        {
            reference = "after-disable", soldAt = DateTimeOffset.UtcNow, lines = new[] { new { sku = platform.A.Sku, quantity = 1, unitPrice = 3.5m } },
        })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "nor record a sale");
    }

    [Fact]
    public async Task Access_tokens_are_short_lived_and_a_refresh_token_through_the_gateway_gives_a_new_pair()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        var login = await (await http.PostAsJsonAsync("api/identity/login", new { chain = "demo", username = "clerk", password = SecurityPlatform.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var expiresAt = login.GetProperty("expiresAt").GetDateTimeOffset();
        (expiresAt - DateTimeOffset.UtcNow).ShouldBeLessThanOrEqualTo(MaxAccessTokenLifetime + TimeSpan.FromSeconds(5));

        using var refreshed = await http.PostAsJsonAsync("api/identity/token/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(expiresAt);
        body.GetProperty("refreshToken").GetString().ShouldNotBe(login.GetProperty("refreshToken").GetString());
    }
}
