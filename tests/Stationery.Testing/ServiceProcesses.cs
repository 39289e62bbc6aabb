using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Stationery.Testing;

/// <summary>
/// Built services (and gateways) as real processes: <c>dotnet &lt;dll&gt; --urls …</c> on a free loopback port, environment
/// <c>Testing</c>, tokens signed with the test process's key (<see cref="TestTokens"/>: Identity holds the private key, every
/// other process its public JWKS), output kept for failure messages; every process started
/// here is killed on dispose (and nothing else). <see cref="PlatformProcesses"/> runs the whole platform with it; a test
/// that needs fewer or more processes of one service (two Chat replicas, say) uses it directly.
/// </summary>
public sealed class ServiceProcesses : IAsyncDisposable
{
    private readonly List<Started> processes = [];

    /// <summary>A process started here, with what it takes to start it again the same way (<see cref="Restart"/>).</summary>
    private sealed record Started(string Name, Process Process, StringBuilder Log, string Dll, int Port, IReadOnlyDictionary<string, string> Env);

    /// <summary>
    /// Starts <c>services/&lt;service&gt;</c>'s built dll as the process <paramref name="name"/> against
    /// <paramref name="servers"/> with <paramref name="settings"/> (environment-variable names, e.g.
    /// <c>Marten__DaemonMode</c>) on top; returns its address at once (see <see cref="WaitReadyAsync"/>).
    /// </summary>
    public Uri StartService(string name, string service, IsolatedServers servers, IReadOnlyDictionary<string, string>? settings = null)
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = servers.Postgres,
            ["ConnectionStrings__RabbitMq"] = servers.RabbitMq,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;
        var port = FreePort();
        Start(name, Dll("services", service, $"Stationery.{service}"), port, env);
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Starts the built gateway as the process <paramref name="name"/> with <paramref name="env"/>; returns its address at once.</summary>
    public Uri StartGateway(string name, IReadOnlyDictionary<string, string> env)
    {
        var port = FreePort();
        Start(name, Dll("gateway", null, "Stationery.Gateway"), port, env);
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Waits (bounded, see <see cref="ReadyTimeout"/>) until <paramref name="health"/> answers 200; fails with the process's output if it exits or never does.</summary>
    public async Task WaitReadyAsync(string name, Uri health)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var process = Find(name).Process;
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

    /// <summary>Waits (bounded by <see cref="ReadyTimeout"/>) for a process that should refuse to start; returns its exit code.</summary>
    public async Task<int> WaitExitAsync(string name)
    {
        var process = Find(name).Process;
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{name} was still running after {ReadyTimeout.TotalSeconds:0} s:\n{Logs(name)}");
        }
        return process.ExitCode;
    }

    /// <summary>
    /// Kills the process <paramref name="name"/> as a crash would: SIGKILL (<c>kill -9</c>), no shutdown, open transactions and
    /// unacknowledged messages left to the servers; returns once it has exited.
    /// </summary>
    public async Task KillAsync(string name)
    {
        var process = Find(name).Process;
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>
    /// Starts the process <paramref name="name"/> again, after <see cref="KillAsync"/>: the same dll on the same port with the
    /// settings it was first started with, <paramref name="overrides"/> (environment-variable names) on top (each restart
    /// starts from the first settings, so a restart without overrides undoes an earlier one's); its output goes on in the
    /// same log. Returns at once (see <see cref="WaitReadyAsync"/>).
    /// </summary>
    public void Restart(string name, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var old = Find(name);
        if (!old.Process.HasExited) throw new InvalidOperationException($"{name} is still running: kill it first.");
        var env = new Dictionary<string, string>(old.Env);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) env[key] = value;
        lock (old.Log) old.Log.AppendLine($"---- {name} started again on port {old.Port} ----");
        Start(name, old.Dll, old.Port, env, old.Env, old.Log);
    }

    /// <summary>What a process wrote, for failure messages.</summary>
    public string Logs(string name)
    {
        var log = Find(name).Log;
        lock (log) return log.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        List<Process> started;
        lock (processes) started = processes.Select(p => p.Process).ToList();
        foreach (var process in started)
        {
            if (process.HasExited) continue;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// How long a process may take to become ready: 300 s, or <c>STATIONERY_TEST_READY_SECONDS</c>. Generous on purpose: a
    /// service that never gets ready still fails the fixture, but a loaded 2-core machine (CI ran out of 90 s while JIT and
    /// the demo seed's password hashing competed with other test hosts) must not.
    /// </summary>
    public static TimeSpan ReadyTimeout =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("STATIONERY_TEST_READY_SECONDS"), out var s) && s > 0 ? s : 300);

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StationeryPlatform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (StationeryPlatform.sln).");
    }

    private Started Find(string name)
    {
        lock (processes) return processes.First(p => p.Name == name);
    }

    private void Start(string name, string dll, int port, IReadOnlyDictionary<string, string> env,
        IReadOnlyDictionary<string, string>? firstEnv = null, StringBuilder? log = null)
    {
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        if (Path.GetFileNameWithoutExtension(dll) == "Stationery.Identity") info.Environment["Jwt__SigningKeys__0"] = TestTokens.PrivateKeyPem;
        else info.Environment["Jwt__Jwks"] = TestTokens.Jwks;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in env) info.Environment[key] = value;

        log ??= new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        lock (processes)
        {
            process.Start();
            // A restart takes the killed process's place (dispose kills every process still listed).
            processes.RemoveAll(p => p.Name == name && p.Process.HasExited);
            processes.Add(new Started(name, process, log, dll, port, firstEnv ?? env));
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static string Dll(string folder, string? service, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var root = RepositoryRoot();
        var project = service is null ? Path.Combine(root, folder, assembly) : Path.Combine(root, folder, service, assembly);
        var dll = Path.Combine(project, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; run ./stationery test (it builds the solution first).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
