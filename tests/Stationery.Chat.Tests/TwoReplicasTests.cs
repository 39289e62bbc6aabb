using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stationery.Chat.Messages;
using Stationery.Contracts.Identity;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// Two Chat replicas on one database and one RabbitMQ virtual host (HotCold daemons, as in production). A client on
/// each must receive every message exactly once, whichever replica it was posted to: RabbitMQ is the backplane.
/// </summary>
public sealed class TwoReplicasTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> HotCold = new() { ["Marten:DaemonMode"] = "HotCold" };

    private IsolatedServers servers = null!;
    private ServiceFactory<ChatService> a = null!;
    private ServiceFactory<ChatService> b = null!;
    private IntegratorBus bus = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync(nameof(TwoReplicasTests));
        a = new ServiceFactory<ChatService>(servers, HotCold);
        b = new ServiceFactory<ChatService>(servers, HotCold);
        a.Start();
        b.Start();
        bus = await IntegratorBus.StartAsync(servers);
        var at = DateTimeOffset.UtcNow;
        await bus.Publish(new BranchOpened(ChatFixture.Tenant, "main", "总店", "Asia/Shanghai", at));
        await bus.Publish(new StaffMemberAdded(ChatFixture.Tenant, "owner", "owner", "张店长", ["owner"], ["main", "east"], null, at));
        await bus.Publish(new StaffMemberAdded(ChatFixture.Tenant, "clerk", "clerk", "小李", ["clerk"], ["main"], null, at));
        foreach (var user in new[] { "owner", "clerk" })
        {
            using var client = b.ClientFor(ChatFixture.Token(user));
            await Probe.Until(async () => (await ChatFixture.ChannelsAsync(client)).Count(c => c.Branch == "main") == 3,
                what: $"{user} in main's channels");
        }
    }

    public async Task DisposeAsync()
    {
        await bus.DisposeAsync();
        await a.DisposeAsync();
        await b.DisposeAsync();
        await servers.DisposeAsync();
    }

    [Fact]
    public async Task A_client_on_each_replica_receives_every_message_exactly_once()
    {
        await using var ownerOnA = await LiveClient.ConnectAsync(a.Start(), ChatFixture.Token("owner"));
        await using var clerkOnB = await LiveClient.ConnectAsync(b.Start(), ChatFixture.Token("clerk"));
        using var ownerHttpOnB = b.ClientFor(ChatFixture.Token("owner"));
        using var clerkHttpOnA = a.ClientFor(ChatFixture.Token("clerk"));

        var posted = new List<MessageDto>();
        for (var i = 0; i < 30; i++)
        {
            var via = i % 2 == 0 ? ownerHttpOnB : clerkHttpOnA;
            var response = await via.PostAsJsonAsync("api/chat/channels/main-group/messages", new { clientMessageId = $"r-{i}", text = $"第 {i} 条" });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            posted.Add((await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!);
        }

        var expected = posted.Select(m => m.Id).Order().ToList();
        foreach (var client in new[] { ownerOnA, clerkOnB })
        {
            await Probe.Until(() => Task.FromResult(client.Received.Count), n => n >= posted.Count, what: "every message on both replicas");
            client.Received.Select(m => m.Id).Order().ToList().ShouldBe(expected); // each exactly once
        }
        clerkOnB.Received.Select(m => m.Seq).Order().ShouldBe(Enumerable.Range(1, 30).Select(i => (long)i));
    }

    [Fact]
    public async Task Each_replica_listens_on_its_own_temporary_queue()
    {
        var management = new Uri(servers.Servers.RabbitManagement);
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));

        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(servers.Id)}");

        var live = queues.EnumerateArray().Where(q => q.GetProperty("name").GetString()!.Contains("chat-live")).ToList();
        live.Count.ShouldBe(2, string.Join(", ", queues.EnumerateArray().Select(q => q.GetProperty("name").GetString())));
        live.Select(q => q.GetProperty("name").GetString()).Distinct().Count().ShouldBe(2);
        // Gone with the replica's connection (exclusive), never kept on disk, and expiring if somehow orphaned.
        live.ShouldAllBe(q => q.GetProperty("exclusive").GetBoolean() && !q.GetProperty("durable").GetBoolean());
    }
}
