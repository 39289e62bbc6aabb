using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Testing;

/// <summary>An HTTP client on the gateway, logged in as a demo user.</summary>
public sealed class GatewayClient(Uri gateway) : IDisposable
{
    public const string DemoPassword = "stationery-demo";

    public HttpClient Http { get; } = new() { BaseAddress = gateway };
    public string Token { get; private set; } = "";
    /// <summary>The login's refresh token (single use: refreshing answers the next one).</summary>
    public string RefreshToken { get; private set; } = "";
    public JsonElement User { get; private set; }

    /// <summary>Logs in, waiting (bounded) for the demo seed to have created the user.</summary>
    public static async Task<GatewayClient> LoginAsync(Uri gateway, string username, string chain = "demo", string password = DemoPassword)
    {
        var client = new GatewayClient(gateway);
        var response = await Probe.Until(
            () => client.Http.PostAsJsonAsync("api/identity/login", new { chain, username, password }),
            r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), $"login of {username}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.Token = body.GetProperty("accessToken").GetString()!;
        client.RefreshToken = body.GetProperty("refreshToken").GetString()!;
        client.User = body.GetProperty("user");
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        return client;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => Http.Dispose();
}
