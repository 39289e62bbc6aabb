using System.Net.Http.Json;
using Stationery.Testing;

namespace Stationery.Identity.Tests;

/// <summary>The Identity service in-process on its own database and RabbitMQ vhost (one per test class).</summary>
public class IdentityHost : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";

    public IsolatedServers Servers { get; private set; } = null!;
    public ServiceFactory<IdentityService> Service { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Servers = await TestServers.IsolateAsync(GetType().Name);
        Service = new ServiceFactory<IdentityService>(Servers, Settings);
        Service.Start();
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Servers.DisposeAsync();
    }

    public HttpClient Anonymous() => Service.Anonymous();

    public HttpClient As(string token) => Service.ClientFor(token);

    /// <summary>Signs a chain up and returns its owner's access token.</summary>
    public async Task<string> SignUpAsync(string chain, string owner = "owner")
    {
        var response = await Anonymous().PostAsJsonAsync("/api/identity/chains",
            new { chain, name = $"{chain} 文具", ownerUsername = owner, ownerPassword = Password, ownerDisplayName = "店主" });
        response.EnsureSuccessStatusCode();
        return await LogInAsync(chain, owner, Password);
    }

    public async Task<string> LogInAsync(string chain, string username, string password) =>
        (await SignInAsync(chain, username, password)).AccessToken;

    /// <summary>Logs in and returns the whole answer (access and refresh token).</summary>
    public async Task<LoginBody> SignInAsync(string chain, string username, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/identity/login", new { chain, username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginBody>())!;
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Anonymous().PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken });

    public sealed record LoginBody(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt, LoginUser User);

    public sealed record LoginUser(string Id, string Name, string[] Roles, string[] Branches, string? SupplierId);
}

public sealed class DemoSeededHost : IdentityHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seed:Demo"] = "true" };
}
