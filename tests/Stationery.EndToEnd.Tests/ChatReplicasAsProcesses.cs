using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Shouldly;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Security;
using Stationery.Testing;

namespace Stationery.EndToEnd.Tests;

/// <summary>Two Chat processes and their clients: kept off the other end-to-end tests' cores while they run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChatReplicasCollection
{
    public const string Name = "chat-replicas";
}

/// <summary>
/// Issue 5's "two Chat replicas as real processes": two Chat services built in Release, each its own process, on one
/// database and one RabbitMQ virtual host with the production daemon mode (HotCold: one replica runs the outbox), a
/// SignalR client on each, messages posted through both. RabbitMQ is the only way a message posted to one replica can
/// reach a client of the other, and each client must see every message exactly once: no gap in seq, no id twice.
/// </summary>
[Collection(ChatReplicasCollection.Name)]
public sealed class ChatReplicasAsProcesses : IAsyncLifetime
{
    private const string Tenant = "demo";
    private const string Channel = "main-group";
    private static readonly Dictionary<string, string> HotCold = new() { ["Marten__DaemonMode"] = "HotCold" };

    private IsolatedServers servers = null!;
    private readonly ServiceProcesses processes = new();
    private IntegratorBus? bus;
    private Uri a = null!;
    private Uri b = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync(nameof(ChatReplicasAsProcesses));
        a = processes.StartService("Chat-a", "Chat", servers, HotCold);
        b = processes.StartService("Chat-b", "Chat", servers, HotCold);
        // Ready means each replica's queues are bound (the bus starts before Kestrel), so the directory below reaches both.
        await Task.WhenAll(processes.WaitReadyAsync("Chat-a", new Uri(a, "health/ready")), processes.WaitReadyAsync("Chat-b", new Uri(b, "health/ready")));

        bus = await IntegratorBus.StartAsync(servers);
        var at = DateTimeOffset.UtcNow;
        await bus.Publish(new BranchOpened(Tenant, "main", "总店", "Asia/Shanghai", at));
        await bus.Publish(new StaffMemberAdded(Tenant, "owner", "owner", "张店长", ["owner"], ["main"], null, at));
        await bus.Publish(new StaffMemberAdded(Tenant, "clerk", "clerk", "小李", ["clerk"], ["main"], null, at));
        foreach (var (user, replica) in new[] { ("owner", a), ("clerk", b) })
        {
            using var http = Http(replica, user);
            await Probe.Until(async () => (await http.GetFromJsonAsync<JsonElement>("api/chat/channels")).EnumerateArray()
                .Any(c => c.GetProperty("id").GetString() == Channel && c.GetProperty("branchName").GetString() == "总店"),
                Probe.CrossService, $"{user} in {Channel}");
        }
    }

    public async Task DisposeAsync()
    {
        if (bus is not null) await bus.DisposeAsync();
        await processes.DisposeAsync();
        await servers.DisposeAsync();
    }

    [Fact]
    public async Task A_client_on_each_replica_process_receives_every_message_exactly_once()
    {
        await using var ownerOnA = await Client.ConnectAsync(a, Token("owner"));
        await using var clerkOnB = await Client.ConnectAsync(b, Token("clerk"));
        using var ownerHttpOnB = Http(b, "owner");
        using var clerkHttpOnA = Http(a, "clerk");

        // A connection joins its channel groups just after the handshake: a message that both clients see proves both joined.
        var warmUp = 0L;
        await Probe.Until(async () =>
        {
            warmUp = (await PostAsync(clerkHttpOnA, $"warm-{Guid.NewGuid():N}", "大家好")).Seq;
            try
            {
                await Probe.Until(() => Task.FromResult(ownerOnA.Has(warmUp) && clerkOnB.Has(warmUp)), TimeSpan.FromSeconds(5), "the warm-up on both clients");
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, Probe.CrossService, "both clients in the channel's group");

        // Posted through both replicas, partly at once; two closing messages after the rest catch a late duplicate.
        var posted = new ConcurrentBag<Posted>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async worker =>
        {
            for (var i = 0; i < 10; i++)
            {
                var (via, n) = (worker + i) % 2 == 0 ? (ownerHttpOnB, "owner") : (clerkHttpOnA, "clerk");
                posted.Add(await PostAsync(via, $"r-{worker}-{i}", $"{n} 第 {worker}-{i} 条"));
            }
        }));
        foreach (var via in new[] { ownerHttpOnB, clerkHttpOnA }) posted.Add(await PostAsync(via, $"last-{Guid.NewGuid():N}", "收到"));

        var expected = posted.OrderBy(p => p.Seq).ToList();
        expected.Select(p => p.Seq).ShouldBe(Enumerable.Range(1, expected.Count).Select(i => warmUp + i)); // the channel's own seq: gap-free
        foreach (var (name, client) in new[] { ("owner on replica a", ownerOnA), ("clerk on replica b", clerkOnB) })
        {
            await Probe.Until(() => Task.FromResult(expected.All(p => client.Has(p.Seq))), ok => ok, Probe.CrossService,
                $"every message at the {name}");
            var after = client.Received.Where(m => m.Seq > warmUp).OrderBy(m => m.Seq).ToList();
            after.ShouldBe(expected, $"the {name} received each message exactly once");
        }
    }

    private static string Token(string user) => user == "owner"
        ? TestTokens.Issue(Tenant, "owner", ["owner"], ["main"], "张店长")
        : TestTokens.Issue(Tenant, "clerk", ["clerk"], ["main"], "小李");

    private static HttpClient Http(Uri replica, string user)
    {
        var http = new HttpClient { BaseAddress = replica };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(user));
        return http;
    }

    private static async Task<Posted> PostAsync(HttpClient via, string clientMessageId, string text)
    {
        var response = await via.PostAsJsonAsync($"api/chat/channels/{Channel}/messages", new { clientMessageId, text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return Posted.From(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private sealed record Posted(long Seq, string Id)
    {
        public static Posted From(JsonElement m) => new(m.GetProperty("seq").GetInt64(), m.GetProperty("id").GetString()!);
    }

    /// <summary>A hub connection keeping every <c>messagePosted</c> of <see cref="Channel"/> it was pushed, duplicates included.</summary>
    private sealed class Client(HubConnection connection) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<Posted> received = new();

        public static async Task<Client> ConnectAsync(Uri replica, string token)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(replica, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var client = new Client(connection);
            connection.On<JsonElement>("messagePosted", m =>
            {
                if (m.GetProperty("channelId").GetString() == Channel) client.received.Enqueue(Posted.From(m));
            });
            await connection.StartReadyAsync();
            return client;
        }

        public IReadOnlyList<Posted> Received => [.. received];

        public bool Has(long seq) => received.Any(m => m.Seq == seq);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
