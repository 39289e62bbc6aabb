using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Stationery.Security.Tests;

/// <summary>The gateway's own protections: rate limits (login, per user, per chain), body size limit, CORS, security headers.</summary>
[Collection(SecurityCollection.Name)]
public sealed class GatewayProtections(SecurityPlatform platform)
{
    [Fact]
    public async Task Login_answers_429_with_Retry_After_and_problem_details_after_the_configured_number_of_attempts()
    {
        var gateway = await platform.Platform.StartGatewayAsync("Gateway-login-limit", new Dictionary<string, string>
        {
            ["Gateway__RateLimits__LoginPerMinute"] = "3",
        });
        using var http = new HttpClient { BaseAddress = gateway };
        for (var i = 0; i < 3; i++)
            (await http.PostAsJsonAsync("api/identity/login", new { chain = "demo", username = "owner", password = $"guess-{i}" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"failed attempt {i + 1} of 3 is answered");

        using var limited = await http.PostAsJsonAsync("api/identity/login", new { chain = "demo", username = "owner", password = "guess-4" });
        await ShouldBeRateLimited(limited);
        // The right password does not get past the limit either: it is per caller, not per outcome.
        using var right = await http.PostAsJsonAsync("api/identity/login", new { chain = "demo", username = "owner", password = SecurityPlatform.Password });
        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // Chain sign-up shares the stricter limit.
        using var signUp = await http.PostAsJsonAsync("api/identity/chains", new { chain = "sec-flood", name = "x", ownerUsername = "x1", ownerPassword = "long-enough-1" });
        signUp.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_user_over_the_per_user_limit_gets_429_with_Retry_After_while_a_colleague_goes_on()
    {
        var gateway = await platform.Platform.StartGatewayAsync("Gateway-user-limit", new Dictionary<string, string>
        {
            ["Gateway__RateLimits__PerUserPerMinute"] = "5",
        });
        using var owner = Client(gateway, platform.Owner.Token);
        for (var i = 0; i < 5; i++) (await owner.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var limited = await owner.GetAsync("api/identity/me");
        await ShouldBeRateLimited(limited);
        using var clerk = Client(gateway, platform.Clerk.Token);
        (await clerk.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is per user");
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_limited_per_address_so_one_caller_cannot_lock_out_the_others()
    {
        var gateway = await platform.Platform.StartGatewayAsync("Gateway-anonymous-limit", new Dictionary<string, string>
        {
            ["Gateway__RateLimits__PerUserPerMinute"] = "5",
        });
        using var flooder = ClientFrom("127.0.0.2", gateway, "not-a-token");
        for (var i = 0; i < 5; i++) (await flooder.GetAsync("api/inventory/products")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var limited = await flooder.GetAsync("api/inventory/products");
        await ShouldBeRateLimited(limited);

        using var neighbour = ClientFrom("127.0.0.3", gateway, "expired-or-mistyped");
        (await neighbour.GetAsync("api/inventory/products")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another address has its own window");
        using var owner = ClientFrom("127.0.0.2", gateway, platform.Owner.Token);
        (await owner.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "a signed-in user at that address has their own window");
    }

    [Fact]
    public async Task A_chain_over_the_per_chain_limit_gets_429_while_another_chain_goes_on()
    {
        var gateway = await platform.Platform.StartGatewayAsync("Gateway-chain-limit", new Dictionary<string, string>
        {
            ["Gateway__RateLimits__PerUserPerMinute"] = "100",
            ["Gateway__RateLimits__PerChainPerMinute"] = "6",
        });
        using var owner = Client(gateway, platform.Owner.Token);
        using var clerk = Client(gateway, platform.Clerk.Token);
        for (var i = 0; i < 3; i++)
        {
            (await owner.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await clerk.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using var limited = await clerk.GetAsync("api/identity/me");
        await ShouldBeRateLimited(limited);
        using var otherChain = Client(gateway, platform.OwnerB.Token);
        (await otherChain.GetAsync("api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is per chain");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_problem_details_before_it_reaches_a_service()
    {
        var body = new string('x', 13 * 1024 * 1024);
        using var http = Client(platform.Gateway, platform.Owner.Token);
        // Clients uploading large bodies ask first (Expect: 100-continue); the gateway answers 413 without taking the body.
        using var declaredRequest = new HttpRequestMessage(HttpMethod.Post, $"api/chat/channels/{platform.A.ChannelId}/messages")
        {
            Content = new StringContent($"{{\"clientMessageId\":\"big\",\"text\":\"{body}\"}}", Encoding.UTF8, "application/json"),
        };
        declaredRequest.Headers.ExpectContinue = true;
        using var declared = await http.SendAsync(declaredRequest);
        await ShouldBeProblem(declared, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        // Without a Content-Length (chunked), the limit still holds.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"clientMessageId\":\"big2\",\"text\":\"{body}\"}}")));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/chat/channels/{platform.A.ChannelId}/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.ExpectContinue = true;
        using var streamed = await http.SendAsync(request);
        streamed.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Cors_allows_the_configured_web_origin_and_nobody_else()
    {
        const string app = "https://app.stationery.test";
        var gateway = await platform.Platform.StartGatewayAsync("Gateway-cors", new Dictionary<string, string>
        {
            ["Gateway__Cors__Origins__0"] = app,
        });
        using var http = new HttpClient { BaseAddress = gateway };
        foreach (var (origin, allowed) in new[] { (app, true), ("https://evil.test", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/inventory/products");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            using var answer = await http.SendAsync(preflight);
            if (allowed)
            {
                answer.IsSuccessStatusCode.ShouldBeTrue($"preflight from {origin}: {answer.StatusCode}");
                answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([app]);
            }
            else
                answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse($"preflight from {origin} must not be allowed");

            using var get = new HttpRequestMessage(HttpMethod.Get, "api/identity/me");
            get.Headers.Add("Origin", origin);
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.Owner.Token);
            using var response = await http.SendAsync(get);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.Contains("Access-Control-Allow-Origin").ShouldBe(allowed, $"a read from {origin}");
        }
    }

    [Fact]
    public async Task Every_kind_of_gateway_answer_carries_the_security_headers()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway };
        using var owner = Client(platform.Gateway, platform.Owner.Token);
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("proxied API answer", await owner.GetAsync("api/identity/me")),
            ("proxied error", await owner.GetAsync("api/purchasing/purchase-orders/PO-NOPE")),
            ("401 from the gateway", await anonymous.GetAsync("api/identity/me")),
            ("OpenAPI document", await anonymous.GetAsync("openapi/identity.json")),
            ("health", await anonymous.GetAsync("health/live")),
        };
        foreach (var (what, response) in answers)
        {
            string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
            Header("X-Content-Type-Options").ShouldBe("nosniff", what);
            Header("X-Frame-Options").ShouldBe("DENY", what);
            Header("Referrer-Policy").ShouldBe("no-referrer", what);
            Header("Content-Security-Policy").ShouldContain("frame-ancestors 'none'", Case.Sensitive, what);
            Header("Cross-Origin-Opener-Policy").ShouldBe("same-origin", what);
            response.Dispose();
        }
        using var api = await owner.GetAsync("api/purchasing/purchase-orders");
        api.Headers.CacheControl?.NoStore.ShouldBe(true, "API answers (cost data, tokens) are never cached");
        using var login = await anonymous.PostAsJsonAsync("api/identity/login", new { chain = "demo", username = "owner", password = SecurityPlatform.Password });
        login.Headers.CacheControl?.NoStore.ShouldBe(true, "a token answer is never cached");
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z is this machine's loopback).</summary>
    private static HttpClient ClientFrom(string source, Uri gateway, string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static HttpClient Client(Uri gateway, string token)
    {
        var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task ShouldBeRateLimited(HttpResponseMessage response)
    {
        await ShouldBeProblem(response, HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero, "Retry-After says when to try again");
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    private static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body.Length > 500 ? body[..500] : body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("type").GetString().ShouldBe("https://stationery.dev/problems/" + type);
    }
}
