using System.Diagnostics;
using Stationery.Testing;

namespace Stationery.Faults.Tests;

/// <summary>
/// PostgreSQL and RabbitMQ of the fault suite's own, started by <c>deploy/local/servers.sh start DIR</c> (fsync on) in a fresh
/// directory: the suite stops and restarts them, which it must never do to the servers other tests share. Stopped (and the
/// directory removed) on dispose.
/// </summary>
public sealed class LocalServers : IAsyncDisposable
{
    private readonly string dir;

    private LocalServers(string dir, ServerAddresses addresses)
    {
        this.dir = dir;
        Addresses = addresses;
    }

    public ServerAddresses Addresses { get; }

    public static async Task<LocalServers> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"stationery-faults-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101); // 755: the postgres user must enter it
        try
        {
            // Production settings, not --test: with synchronous_commit=off and fsync=off a crash (F2's immediate stop) loses
            // transactions PostgreSQL already confirmed — a consumer's effect gone after its message was acknowledged.
            await ServersAsync("start", dir);
            var env = (await File.ReadAllLinesAsync(Path.Combine(dir, "env")))
                .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
                .Select(l => l["export ".Length..].Split('=', 2))
                .ToDictionary(p => p[0], p => p[1].Trim('\''));
            return new LocalServers(dir, new ServerAddresses(env["STATIONERY_POSTGRES"], env["STATIONERY_RABBITMQ"],
                env["STATIONERY_RABBITMQ_MANAGEMENT"]));
        }
        catch
        {
            await ServersAsync("stop", dir);
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>PostgreSQL crashes: <c>pg_ctl stop -m immediate</c> (no shutdown checkpoint, clients cut off mid-transaction).</summary>
    public Task StopPostgresImmediatelyAsync() => ServersAsync("pg-stop", dir, "--immediate");

    /// <summary>PostgreSQL again, on the same port with the same options (crash recovery runs first).</summary>
    public async Task StartPostgresAsync()
    {
        await ServersAsync("pg-start", dir);
        // The test's own pooled connections died with the server; the services find theirs broken and retry.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>RabbitMQ crashes: <c>kill -9</c> of the node (unflushed state lost, every connection cut without a close).</summary>
    public Task KillRabbitMqAsync() => ServersAsync("rabbit-kill", dir);

    /// <summary>RabbitMQ again on the same ports, with its durable queues and persistent messages.</summary>
    public Task StartRabbitMqAsync() => ServersAsync("rabbit-start", dir);

    public async ValueTask DisposeAsync()
    {
        await ServersAsync("stop", dir);
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static async Task ServersAsync(params string[] args)
    {
        var script = Path.Combine(PlatformProcesses.RepositoryRoot(), "deploy", "local", "servers.sh");
        var info = new ProcessStartInfo("bash", [script, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"servers.sh {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await errors}");
    }
}
