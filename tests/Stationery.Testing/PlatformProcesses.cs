using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    public const string SigningKey = "stationery-e2e-signing-key-0123456789-abcdefgh";

    private readonly List<(string Name, Process Process, StringBuilder Log)> processes = [];
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
        var ports = new Dictionary<string, int>();
        foreach (var wave in StartOrder)
        {
            foreach (var name in wave)
            {
                var port = FreePort();
                ports[name] = port;
                servicePorts[name] = port;
                Start(name, Dll("services", name, $"Stationery.{name}"), port, new Dictionary<string, string>
                {
                    ["ConnectionStrings__Postgres"] = servers.Postgres,
                    ["ConnectionStrings__RabbitMq"] = servers.RabbitMq,
                    ["Seed__Demo"] = "true",
                });
            }
            await Task.WhenAll(wave.Select(n => WaitReady(n, new Uri($"http://127.0.0.1:{ports[n]}/health/ready"))));
        }

        Gateway = await StartGatewayAsync("Gateway", new Dictionary<string, string>
        {
            // Every test logs in from 127.0.0.1; the login limit has its own test with its own gateway.
            ["Gateway__RateLimits__LoginPerMinute"] = "10000",
        });
    }

    /// <summary>
    /// Starts one more gateway in front of the same services, with <paramref name="settings"/> (environment-variable names,
    /// e.g. <c>Gateway__RateLimits__LoginPerMinute</c>) on top of the defaults; stopped with the fixture.
    /// </summary>
    public async Task<Uri> StartGatewayAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var gatewayPort = FreePort();
        var gatewayEnv = new Dictionary<string, string>
        {
            ["Gateway__WebRoot"] = Path.Combine(RepositoryRoot(), "gateway", "web", "dist"),
        };
        foreach (var service in ServiceNames)
            gatewayEnv[$"ReverseProxy__Clusters__{service.ToLowerInvariant()}__Destinations__d1__Address"] = $"http://127.0.0.1:{servicePorts[service]}/";
        foreach (var (key, value) in settings) gatewayEnv[key] = value;
        lock (processes) Start(name, Dll("gateway", null, "Stationery.Gateway"), gatewayPort, gatewayEnv);
        var gateway = new Uri($"http://127.0.0.1:{gatewayPort}/");
        await WaitReady(name, new Uri(gateway, "health/live"));
        return gateway;
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, process, _) in processes)
        {
            if (process.HasExited) continue;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        if (servers is not null) await servers.DisposeAsync();
    }

    /// <summary>What a process wrote, for failure messages.</summary>
    public string Logs(string name)
    {
        lock (processes) return processes.First(p => p.Name == name).Log.ToString();
    }

    private void Start(string name, string dll, int port, IDictionary<string, string> env)
    {
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Jwt__SigningKey"] = SigningKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in env) info.Environment[key] = value;

        var log = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add((name, process, log));
    }

    /// <summary>How long a process may take to become ready: 90 s, or <c>STATIONERY_TEST_READY_SECONDS</c> on a busy machine.</summary>
    private static TimeSpan ReadyTimeout =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("STATIONERY_TEST_READY_SECONDS"), out var s) && s > 0 ? s : 90);

    private async Task WaitReady(string name, Uri health)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Process process;
        lock (processes) process = processes.First(p => p.Name == name).Process;
        try
        {
            await Probe.Until(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{Logs(name)}");
                try { return (await http.GetAsync(health)).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { return false; }
                catch (TaskCanceledException) { return false; }
            }, ReadyTimeout, $"{name} to be ready at {health}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs(name)}");
        }
    }

    private static string Dll(string folder, string? service, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var root = RepositoryRoot();
        var project = service is null ? Path.Combine(root, folder, assembly) : Path.Combine(root, folder, service, assembly);
        var dll = Path.Combine(project, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; run ./stationery test (it builds the solution first).");
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StationeryPlatform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (StationeryPlatform.sln).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

