using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Stationery.Hosting.Security;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>
/// Bad tokens are refused with 401 by the gateway and again by every service on its own address (defence in depth), on
/// every route the OpenAPI documents list except the anonymous ones (login, sign-up), and on the chat hub.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class TokenRejection(SecurityPlatform platform)
{
    private IReadOnlyList<(string Kind, string Token)> BadTokens()
    {
        var good = platform.Owner.Token;
        var owner = platform.A.OwnerId;
        string[] roles = [PlatformRoles.Owner], branches = ["main", "east"];
        var parts = good.Split('.');
        var flipped = parts[2][..^2] + (parts[2][^2] == 'A' ? 'B' : 'A') + parts[2][^1];
        var otherTenant = Base64Url(Encoding.UTF8.GetString(FromBase64Url(parts[1])).Replace("\"demo\"", $"\"{platform.ChainB}\""));
        return
        [
            ("missing", ""),
            ("expired", TestTokens.Issue("demo", owner, roles, branches, lifetime: TimeSpan.FromMinutes(-5))),
            ("tampered signature", $"{parts[0]}.{parts[1]}.{flipped}"),
            ("tampered claims (tenant changed, signature kept)", $"{parts[0]}.{otherTenant}.{parts[2]}"),
            ("wrong issuer", TestTokens.Issue("demo", owner, roles, branches, settings: new JwtSettings { Issuer = "someone-else" })),
            ("wrong audience", TestTokens.Issue("demo", owner, roles, branches, settings: new JwtSettings { Audience = "someone-else" })),
            ("signed by an unknown key (ES256, a kid nobody published)", TestTokens.Issue("demo", owner, roles, branches, signWith: TestTokens.UnknownKey())),
            ("signed by an unknown key reusing the published kid", TestTokens.Issue("demo", owner, roles, branches, signWith: UnknownKeyWithPublishedKid())),
            ("HS256 with the old shared secret", TestTokens.Issue("demo", owner, roles, branches, signWith: new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("stationery-e2e-signing-key-0123456789-abcdefgh")), SecurityAlgorithms.HmacSha256))),
            ("HS256 keyed with the published public key (algorithm confusion)", TestTokens.Issue("demo", owner, roles, branches, signWith: new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.Jwks)) { KeyId = TestTokens.Key.KeyId }, SecurityAlgorithms.HmacSha256))),
            ("unsigned (alg none)", $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}."),
            ("garbage", "not-a-jwt"),
        ];
    }

    [Fact]
    public async Task Expired_tampered_wrong_issuer_wrong_key_and_missing_tokens_get_401_at_the_gateway_and_at_every_service()
    {
        var failures = new List<string>();
        var values = new ParameterValues(platform.A, "main", "east");
        var targets = new List<(string Where, Uri Base, string Service)>();
        foreach (var service in OpenApiRoutes.Services)
        {
            targets.Add(("gateway", platform.Gateway, service));
            targets.Add((service + " directly", platform.Platform.Service(service), service));
        }
        var operations = platform.Routes.Operations.Where(op => !op.Permission.Anonymous).ToList();
        operations.Select(o => o.Service).Distinct().Count().ShouldBeGreaterThanOrEqualTo(4);
        var tokens = BadTokens();
        foreach (var (where, baseUri, service) in targets)
        {
            using var http = new HttpClient { BaseAddress = baseUri };
            foreach (var op in operations.Where(o => o.Service == service))
            foreach (var (kind, token) in tokens)
            {
                var answer = await Sweep.CallAsync(http, token, op, values, $"{kind} token at {where}");
                if (answer.Status != HttpStatusCode.Unauthorized) failures.Add($"expected 401: {answer}");
            }
        }
        // The same good token is accepted, so the 401s above are about the tokens.
        using (var gateway = new HttpClient { BaseAddress = platform.Gateway })
        {
            gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.Owner.Token);
            (await gateway.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        failures.ShouldHaveNoFailures("Bad tokens that were not refused with 401");
    }

    [Fact]
    public async Task The_chat_hub_refuses_bad_tokens_at_the_gateway_and_at_the_chat_service()
    {
        foreach (var baseUri in new[] { platform.Gateway, platform.Platform.Service("chat") })
        {
            using var http = new HttpClient { BaseAddress = baseUri };
            foreach (var (kind, token) in BadTokens())
            {
                using var response = await http.PostAsync($"hubs/chat/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token)}", null);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{kind} token on the hub at {baseUri}");
            }
            using var ok = await http.PostAsync($"hubs/chat/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(platform.Owner.Token)}", null);
            ok.StatusCode.ShouldBe(HttpStatusCode.OK, $"the owner's own token on the hub at {baseUri}");
        }
    }

    [Fact]
    public async Task The_gateway_serves_identitys_public_keys_anonymously_and_only_the_public_half()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        var discovery = await http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
        discovery.GetProperty("jwks_uri").GetString()!.ShouldEndWith("/.well-known/jwks.json");
        var jwks = await http.GetFromJsonAsync<JsonElement>(".well-known/jwks.json");
        var key = jwks.GetProperty("keys").EnumerateArray().Single();
        key.GetProperty("kid").GetString().ShouldBe(TestTokens.Key.KeyId);
        key.GetProperty("alg").GetString().ShouldBe("ES256");
        key.TryGetProperty("d", out _).ShouldBeFalse("the private key never leaves Identity");
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(platform.Owner.Token).Kid.ShouldBe(TestTokens.Key.KeyId, "Identity signs with the published key");
    }

    [Fact]
    public async Task The_gateway_answers_a_refused_token_with_problem_details()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        using var response = await http.GetAsync("api/inventory/products");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"status\":401");
    }

    private static SigningCredentials UnknownKeyWithPublishedKid()
    {
        var credentials = TestTokens.UnknownKey();
        credentials.Key.KeyId = TestTokens.Key.KeyId;
        return credentials;
    }

    private static string Base64Url(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
