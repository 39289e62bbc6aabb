using Xunit;

namespace Stationery.Testing;

/// <summary>
/// The whole platform as real processes: the five services and the gateway, built by <c>./stationery test</c>, each on a
/// free loopback port, against this fixture's own PostgreSQL database and RabbitMQ virtual host, with the demo chain seeded.
/// </summary>
public sealed class PlatformProcesses : IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["Identity", "Inventory", "Purchasing", "Chat", "Reporting"];
    /// <summary>
    /// On a fresh broker a message published to an exchange with no queue bound yet is dropped, so a service starts only
    /// after every service that consumes its seed events has bound its queues: consumers first, Identity (whose demo
    /// seed everyone consumes) last.
    /// </summary>
    private static readonly string[][] StartOrder = [["Chat", "Reporting"], ["Purchasing"], ["Inventory"], ["Identity"]];

    public const string SigningKey = ServiceProcesses.SigningKey;

    private readonly ServiceProcesses processes = new();
    private IsolatedServers? servers;

    public Uri Gateway { get; private set; } = null!;

    private readonly Dictionary<string, int> servicePorts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each service's own address (bypassing the gateway), by name: <c>Service("identity")</c>.</summary>
    public Uri Service(string name) => new($"http://127.0.0.1:{servicePorts[name]}/");

    /// <summary>The lowercase names of the running services with their own addresses.</summary>
    public IReadOnlyDictionary<string, Uri> Services =>
        servicePorts.ToDictionary(p => p.Key.ToLowerInvariant(), p => new Uri($"http://127.0.0.1:{p.Value}/"));

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync("e2e");
        foreach (var wave in StartOrder)
        {
            foreach (var name in wave)
            {
                var address = processes.StartService(name, name, servers, new Dictionary<string, string> { ["Seed__Demo"] = "true" });
                servicePorts[name] = address.Port;
            }
            await Task.WhenAll(wave.Select(n => processes.WaitReadyAsync(n, new Uri(Service(n), "health/ready"))));
        }

        Gateway = await StartGatewayAsync("Gateway", new Dictionary<string, string>
        {
            // Every test logs in from 127.0.0.1; the login limit has its own test with its own gateway.
            ["Gateway__RateLimits__LoginPerMinute"] = "10000",
            // Requests with a refused token all fall in one "anonymous" per-user window (600 a minute by default), and the
            // token-rejection sweep sends every bad token to every route: each new route used to bring it nearer a 429.
            // The per-user and per-chain limits have their own tests with their own gateways.
            ["Gateway__RateLimits__PerUserPerMinute"] = "100000",
        });
    }

    /// <summary>
    /// Starts one more gateway in front of the same services, with <paramref name="settings"/> (environment-variable names,
    /// e.g. <c>Gateway__RateLimits__LoginPerMinute</c>) on top of the defaults; stopped with the fixture.
    /// </summary>
    public async Task<Uri> StartGatewayAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var gatewayEnv = new Dictionary<string, string>
        {
            ["Gateway__WebRoot"] = Path.Combine(RepositoryRoot(), "gateway", "web", "dist"),
        };
        foreach (var service in ServiceNames)
            gatewayEnv[$"ReverseProxy__Clusters__{service.ToLowerInvariant()}__Destinations__d1__Address"] = Service(service).ToString();
        foreach (var (key, value) in settings) gatewayEnv[key] = value;
        var gateway = processes.StartGateway(name, gatewayEnv);
        await processes.WaitReadyAsync(name, new Uri(gateway, "health/live"));
        return gateway;
    }

    public async Task DisposeAsync()
    {
        await processes.DisposeAsync();
        if (servers is not null) await servers.DisposeAsync();
    }

    /// <summary>What a process wrote, for failure messages.</summary>
    public string Logs(string name) => processes.Logs(name);

    public static string RepositoryRoot() => ServiceProcesses.RepositoryRoot();
}
