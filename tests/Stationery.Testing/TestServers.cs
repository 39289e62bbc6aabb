using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Stationery.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ every integration test runs against: Testcontainers where a Docker engine exists,
/// otherwise the servers <c>./stationery test</c> started (STATIONERY_TEST_POSTGRES, STATIONERY_TEST_RABBITMQ,
/// STATIONERY_TEST_RABBITMQ_MANAGEMENT). Never an in-memory stand-in.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<ServerAddresses>> Servers = new(StartAsync);

    public static Task<ServerAddresses> GetAsync() => Servers.Value;

    /// <summary>
    /// A fresh database and RabbitMQ virtual host, so test classes never see each other's data or queues: on the shared test
    /// servers, or on <paramref name="on"/> (the fault suite's own servers, which it stops and restarts).
    /// </summary>
    public static async Task<IsolatedServers> IsolateAsync(string name, ServerAddresses? on = null)
    {
        var servers = on ?? await GetAsync();
        var unique = $"t_{Sanitize(name)}_{Guid.NewGuid():N}";
        var id = unique[..Math.Min(40, unique.Length)].ToLowerInvariant();

        await using (var conn = new NpgsqlConnection(servers.Postgres))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{id}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        using var http = Management(servers);
        (await http.PutAsync($"api/vhosts/{id}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{id}/{servers.RabbitUser}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();

        // Opening a connection may wait 60 s and a command 120 s (defaults 15 and 30): on a loaded 2-core machine a service
        // starting next to a running platform timed out loading PostgreSQL's types and exited. Tests never assert time.
        var postgres = new NpgsqlConnectionStringBuilder(servers.Postgres)
        {
            Database = id, Pooling = true, Timeout = 60, CommandTimeout = 120,
        }.ConnectionString;
        var rabbit = new UriBuilder(servers.RabbitMq) { Path = "/" + id }.Uri.ToString();
        return new IsolatedServers(id, postgres, rabbit, servers);
    }

    internal static async Task DropAsync(IsolatedServers isolated)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var conn = new NpgsqlConnection(isolated.Servers.Postgres))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{isolated.Id}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        using var http = Management(isolated.Servers);
        await http.DeleteAsync($"api/vhosts/{isolated.Id}");
    }

    /// <summary>
    /// The isolated virtual host's queues and how many messages each holds, as RabbitMQ's management API last counted them
    /// (its figures lag by a few seconds: read them inside <see cref="Probe.Until{T}"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(IsolatedServers isolated)
    {
        using var http = Management(isolated.Servers);
        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(isolated.Id)}");
        return queues.EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!,
            q => q.TryGetProperty("messages", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0);
    }

    /// <summary>
    /// Why messages were parked in <paramref name="queue"/> (an <c>_error</c> queue): the exception type and message MassTransit
    /// wrote into the headers of up to <paramref name="count"/> of them, each once (they are put back, not taken).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ParkedBecauseAsync(IsolatedServers isolated, string queue, int count = 3)
    {
        using var http = Management(isolated.Servers);
        using var response = await http.PostAsync($"api/queues/{Uri.EscapeDataString(isolated.Id)}/{Uri.EscapeDataString(queue)}/get",
            Json($$"""{"count":{{count}},"ackmode":"ack_requeue_true","encoding":"auto","truncate":500}"""));
        if (!response.IsSuccessStatusCode) return [$"({(int)response.StatusCode} reading {queue})"];
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        string Header(JsonElement headers, string name) =>
            headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty(name, out var v) ? v.ToString() : "?";
        return messages.EnumerateArray()
            .Select(m => m.GetProperty("properties").TryGetProperty("headers", out var h) ? h : default)
            .Select(h => $"{Header(h, "MT-Fault-ExceptionType")}: {Header(h, "MT-Fault-Message")}")
            .Distinct().ToList();
    }

    /// <summary>
    /// What the isolated servers still have to work through, by name (empty when nothing): each event store's events its
    /// subscriptions (the outbox forwarder, async projections) have not reached, as <c>events:&lt;schema&gt;</c>, and each
    /// queue's messages, parked ones (<c>_error</c>, <c>_skipped</c>) excepted. RabbitMQ's counts lag by a few seconds.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> BacklogAsync(IsolatedServers isolated)
    {
        var backlog = new Dictionary<string, long>();
        await using (var conn = new NpgsqlConnection(isolated.Postgres))
        {
            await conn.OpenAsync();
            var schemas = new List<string>();
            await using (var find = new NpgsqlCommand(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'mt_events' ORDER BY 1", conn))
            await using (var reader = await find.ExecuteReaderAsync())
                while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
            foreach (var schema in schemas)
            {
                await using var behind = new NpgsqlCommand($"""
                    SELECT coalesce((SELECT max(seq_id) FROM "{schema}".mt_events), 0)
                         - coalesce((SELECT min(last_seq_id) FROM "{schema}".mt_event_progression WHERE name NOT LIKE 'HighWater%'), 0)
                    """, conn);
                if (await behind.ExecuteScalarAsync() is long n && n > 0) backlog[$"events:{schema}"] = n;
            }
        }
        foreach (var (queue, messages) in await QueueDepthsAsync(isolated))
            if (messages > 0 && !queue.EndsWith("_error", StringComparison.Ordinal) && !queue.EndsWith("_skipped", StringComparison.Ordinal))
                backlog[queue] = messages;
        return backlog;
    }

    /// <summary>
    /// Force-closes (management API <c>DELETE /api/connections/{name}</c>) the AMQP connection consuming from the isolated
    /// virtual host's queue whose name <paramref name="queueMatches"/>, as a network fault would cut it; answers its name.
    /// </summary>
    public static async Task<string> CloseConnectionConsumingAsync(IsolatedServers isolated, Func<string, bool> queueMatches)
    {
        using var http = Management(isolated.Servers);
        var consumers = await http.GetFromJsonAsync<JsonElement>($"api/consumers/{Uri.EscapeDataString(isolated.Id)}");
        var owners = consumers.EnumerateArray()
            .Where(c => queueMatches(c.GetProperty("queue").GetProperty("name").GetString()!))
            .Select(c => c.GetProperty("channel_details").GetProperty("connection_name").GetString()!)
            .Distinct().ToList();
        if (owners.Count != 1)
            throw new InvalidOperationException($"Expected one connection consuming from the matching queue, found {owners.Count} among the consumers of " +
                string.Join(", ", consumers.EnumerateArray().Select(c => c.GetProperty("queue").GetProperty("name").GetString())));
        using var closed = await http.DeleteAsync($"api/connections/{Uri.EscapeDataString(owners[0])}");
        closed.EnsureSuccessStatusCode();
        return owners[0];
    }

    /// <summary>An HTTP client for the management API of <paramref name="servers"/>, authenticated as its user.</summary>
    public static HttpClient Management(ServerAddresses servers)
    {
        var uri = new Uri(servers.RabbitManagement);
        var http = new HttpClient { BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/") };
        var user = string.IsNullOrEmpty(uri.UserInfo) ? "guest:guest" : Uri.UnescapeDataString(uri.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Sanitize(string name) =>
        new(name.Where(char.IsAsciiLetterOrDigit).Take(16).ToArray());

    private static async Task<ServerAddresses> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("STATIONERY_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("STATIONERY_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("STATIONERY_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbit) && !string.IsNullOrEmpty(management))
            return new ServerAddresses(postgres, rabbit, management);

        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
            throw new InvalidOperationException(
                "No PostgreSQL/RabbitMQ for integration tests: no Docker engine, and STATIONERY_TEST_POSTGRES / STATIONERY_TEST_RABBITMQ / " +
                "STATIONERY_TEST_RABBITMQ_MANAGEMENT are not set. Run the tests with ./stationery test.");

        var pg = new PostgreSqlBuilder("postgres:16").Build();
        var mq = new RabbitMqBuilder("rabbitmq:3-management").WithPortBinding(15672, true)
            .WithUsername("guest").WithPassword("guest").Build();
        await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
        return new ServerAddresses(pg.GetConnectionString(), mq.GetConnectionString(),
            $"http://guest:guest@{mq.Hostname}:{mq.GetMappedPublicPort(15672)}/");
    }
}

public sealed record ServerAddresses(string Postgres, string RabbitMq, string RabbitManagement)
{
    public string RabbitUser
    {
        get
        {
            var info = new Uri(RabbitMq).UserInfo;
            return string.IsNullOrEmpty(info) ? "guest" : Uri.UnescapeDataString(info.Split(':')[0]);
        }
    }
}

/// <summary>One test class's own database and virtual host; dropped on dispose.</summary>
public sealed record IsolatedServers(string Id, string Postgres, string RabbitMq, ServerAddresses Servers) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(TestServers.DropAsync(this));
}
