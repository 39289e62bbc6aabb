using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Stationery.Testing;

/// <summary>
/// A service in-process against real servers, on real Kestrel (so a gateway, a browser or a SignalR client can reach it).
/// <typeparamref name="TMarker"/> is the service's public marker type.
/// </summary>
public class ServiceFactory<TMarker>(IsolatedServers servers, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public IsolatedServers Servers => servers;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", servers.Postgres);
        builder.UseSetting("ConnectionStrings:RabbitMq", servers.RabbitMq);
        // Identity signs with the test process's key; every other service verifies with its public JWKS.
        if (typeof(TMarker).Name == "IdentityService") builder.UseSetting("Jwt:SigningKeys:0", TestTokens.PrivateKeyPem);
        else builder.UseSetting("Jwt:Jwks", TestTokens.Jwks);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the host on Kestrel (idempotent) and returns its base address.</summary>
    public Uri Start()
    {
        // UseKestrel throws once the server exists, so only the first call configures and starts it.
        if (baseAddress is not null) return baseAddress;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return baseAddress = new Uri(address);
    }

    private Uri? baseAddress;

    public HttpClient ClientFor(string token)
    {
        var client = new HttpClient { BaseAddress = Start() };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = Start() };

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
