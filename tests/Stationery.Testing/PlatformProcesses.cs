using Xunit;

namespace Stationery.Testing;

/// <summary>
/// The whole platform as real processes: the five services and the gateway, built by <c>./stationery test</c>, each on a
/// free loopback port, against this fixture's own PostgreSQL database and RabbitMQ virtual host, with the demo chain seeded
/// (<see cref="SeedHistoryDays"/> of history) and settled: tests start once the seed's events have all gone through.
/// </summary>
public sealed class PlatformProcesses : IAsyncLifetime
{
    private readonly ServerAddresses? on;
    private readonly IReadOnlyDictionary<string, string> serviceSettings = new Dictionary<string, string>();

    /// <summary>On the shared test servers (the xunit fixture).</summary>
    public PlatformProcesses() { }

    /// <summary>
    /// On <paramref name="on"/>: servers of the test's own (the fault suite stops and restarts them), every service with
    /// <paramref name="serviceSettings"/> (environment-variable names) on top of the seed's. A factory, not a constructor:
    /// xunit refuses a collection fixture with two public constructors.
    /// </summary>
    public static PlatformProcesses On(ServerAddresses on, IReadOnlyDictionary<string, string>? serviceSettings = null) => new(on, serviceSettings);

    private PlatformProcesses(ServerAddresses on, IReadOnlyDictionary<string, string>? serviceSettings)
    {
        this.on = on;
        if (serviceSettings is not null) this.serviceSettings = serviceSettings;
    }

    /// <summary>The database and virtual host the platform runs in (the fault suite counts parked messages there).</summary>
    public IsolatedServers Servers => servers ?? throw new InvalidOperationException("The platform has not started.");

    public static readonly string[] ServiceNames = ["Identity", "Inventory", "Purchasing", "Chat", "Reporting"];
    /// <summary>
    /// Every service starts at once: each declares the whole platform's consume topology before it publishes anything
    /// (Stationery.Hosting.Messaging.TopologyDeclaration), so no event published at start-up is lost to a queue not yet bound.
    /// </summary>
    private static readonly string[][] StartOrder = [ServiceNames];

    /// <summary>
    /// The demo history the platform tests seed: 30 days (about 7,000 stock events) instead of <c>./stationery up</c>'s 120
    /// (about 27,600). The tests exercise the platform's flows, not the history's depth, and every event of the seed travels
    /// through the outbox to Reporting and Purchasing before they start (Inventory's own suites cover the full history).
    /// </summary>
    public const int SeedHistoryDays = 30;

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
        servers = await TestServers.IsolateAsync("e2e", on);
        foreach (var wave in StartOrder)
        {
            foreach (var name in wave)
            {
                var settings = new Dictionary<string, string>(serviceSettings)
                {
                    ["Seed__Demo"] = "true", ["Seed__HistoryDays"] = SeedHistoryDays.ToString(),
                };
                var address = processes.StartService(name, name, servers, settings);
                servicePorts[name] = address.Port;
            }
            await Task.WhenAll(wave.Select(n => processes.WaitReadyAsync(n, new Uri(Service(n), "health/ready"))));
        }
        await WaitSettledAsync();

        Gateway = await StartGatewayAsync("Gateway", new Dictionary<string, string>
        {
            // Every test logs in from 127.0.0.1; the login limit has its own test with its own gateway.
            ["Gateway__RateLimits__LoginPerMinute"] = "10000",
            // Requests with a refused token fall in their address's window (600 a minute by default), every test calls from
            // 127.0.0.1, and the token-rejection sweep sends every bad token to every route: each new route brought it nearer a 429.
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
            // The services verify with the test key's JWKS inline; the gateway discovers Identity's keys as in production.
            ["Jwt__Jwks"] = "",
            ["Jwt__Authority"] = Service("Identity").ToString(),
        };
        foreach (var service in ServiceNames)
            gatewayEnv[$"ReverseProxy__Clusters__{service.ToLowerInvariant()}__Destinations__d1__Address"] = Service(service).ToString();
        foreach (var (key, value) in settings) gatewayEnv[key] = value;
        var gateway = processes.StartGateway(name, gatewayEnv);
        await processes.WaitReadyAsync(name, new Uri(gateway, "health/live"));
        return gateway;
    }

    /// <summary>
    /// Waits until the seeded platform is quiet: no event store has events its subscriptions have not reached and no queue
    /// holds a message, for <see cref="QuietFor"/> on end (RabbitMQ's counts lag, and a consumed message may cause more).
    /// Tests then time their own steps, not the seed's tail: on a loaded CI machine a product registered by a test had
    /// waited behind 27,600 seeded events in Inventory's outbox. Bounded by <see cref="SettleTimeout"/>; fails naming the backlog.
    /// </summary>
    private async Task WaitSettledAsync()
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        DateTime? quietSince = null;
        IReadOnlyDictionary<string, long> backlog;
        while (true)
        {
            backlog = await TestServers.BacklogAsync(servers!);
            var now = DateTime.UtcNow;
            quietSince = backlog.Count == 0 ? quietSince ?? now : null;
            if (quietSince is { } since && now - since >= QuietFor) return;
            if (now > deadline) break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"The seeded platform did not settle in {SettleTimeout.TotalSeconds:0} s; still to go: " +
            string.Join(", ", backlog.Select(b => $"{b.Key}={b.Value}")));
    }

    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(8);

    /// <summary>How long the seed may take to go through: 600 s, or <c>STATIONERY_TEST_SETTLE_SECONDS</c>.</summary>
    public static TimeSpan SettleTimeout =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("STATIONERY_TEST_SETTLE_SECONDS"), out var s) && s > 0 ? s : 600);

    public async Task DisposeAsync()
    {
        await processes.DisposeAsync();
        if (servers is not null) await servers.DisposeAsync();
    }

    /// <summary>What a process wrote, for failure messages.</summary>
    public string Logs(string name) => processes.Logs(name);

    /// <summary>
    /// Crashes the service <paramref name="name"/> (<c>"Purchasing"</c>): <c>kill -9</c>, nothing shut down; the gateway and
    /// <see cref="Service"/> keep its address for <see cref="StartAsync"/>.
    /// </summary>
    public Task KillAsync(string name) => processes.KillAsync(name);

    /// <summary>
    /// Starts the killed service <paramref name="name"/> again on the same port with the same settings, and
    /// <paramref name="overrides"/> (environment-variable names, e.g. <c>ConnectionStrings__RabbitMq</c>) on top: the
    /// per-service override (a restart without overrides returns it to the platform's settings). Waits until it is ready.
    /// </summary>
    public async Task StartAsync(string name, IReadOnlyDictionary<string, string>? overrides = null)
    {
        processes.Restart(name, overrides);
        await processes.WaitReadyAsync(name, new Uri(Service(name), "health/ready"));
    }

    /// <summary><see cref="KillAsync"/> then <see cref="StartAsync"/>.</summary>
    public async Task RestartAsync(string name, IReadOnlyDictionary<string, string>? overrides = null)
    {
        await KillAsync(name);
        await StartAsync(name, overrides);
    }

    public static string RepositoryRoot() => ServiceProcesses.RepositoryRoot();
}
