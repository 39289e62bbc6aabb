using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Chat.Channels.Listing;
using Stationery.Chat.Messages;
using Stationery.Contracts.Identity;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// Chat on real Kestrel against its own PostgreSQL database and RabbitMQ virtual host, plus a separate MassTransit bus that
/// plays Identity and Inventory by publishing their contracts to the same exchanges they would.
/// Directory: chain <c>demo</c>, branches main (总店) and east (东区店); owner 张店长 (both), clerk 小李 (main),
/// clerk-east 小周 (east), hq 总部王, supplier 供应商陈.
/// </summary>
public sealed class ChatFixture : IAsyncLifetime
{
    public const string Tenant = "demo";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private IsolatedServers servers = null!;
    private IntegratorBus bus = null!;

    public ServiceFactory<ChatService> Chat { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync(nameof(ChatFixture));
        // The weekly slow-mover digest is run by the tests themselves (SlowMoverDigestTests), never by its timer.
        Chat = new ServiceFactory<ChatService>(servers, new Dictionary<string, string?> { ["Chat:SlowMoverDigest"] = "false" });
        BaseAddress = Chat.Start();

        bus = await IntegratorBus.StartAsync(servers);

        var at = DateTimeOffset.UtcNow;
        await Publish(new BranchOpened(Tenant, "main", "总店", "Asia/Shanghai", at));
        await Publish(new BranchOpened(Tenant, "east", "东区店", "Asia/Shanghai", at));
        await Publish(new StaffMemberAdded(Tenant, "owner", "owner", "张店长", ["owner"], ["main", "east"], null, at));
        await Publish(new StaffMemberAdded(Tenant, "clerk", "clerk", "小李", ["clerk"], ["main"], null, at));
        await Publish(new StaffMemberAdded(Tenant, "clerk-east", "clerk-east", "小周", ["clerk"], ["east"], null, at));
        await Publish(new StaffMemberAdded(Tenant, "hq", "hq", "总部王", ["hq"], [], null, at));
        await Publish(new StaffMemberAdded(Tenant, "supplier", "supplier", "供应商陈", ["supplier"], [], SupplierId, at));

        foreach (var (user, channels) in new[] { ("owner", 6), ("hq", 6), ("clerk", 3), ("clerk-east", 3) })
        {
            using var client = ClientFor(user);
            await Probe.Until(async () => await ChannelsAsync(client), cs => cs.Count == channels && cs.All(c => c.BranchName != c.Branch),
                what: $"{user} in the channels of their branches");
        }
    }

    public async Task DisposeAsync()
    {
        await bus.DisposeAsync();
        await Chat.DisposeAsync();
        await servers.DisposeAsync();
    }

    public Task Publish<T>(T message, Guid? messageId = null) where T : class => bus.Publish(message, messageId);

    public IntegratorBus Bus => bus;

    /// <summary>The user's token; <c>supplier</c> gets a guest token speaking for <see cref="SupplierId"/>.</summary>
    public static string Token(string userId, string[]? roles = null, string[]? branches = null, string tenant = Tenant, string? name = null) =>
        userId == "supplier" && roles is null
            ? TestTokens.IssueSupplierGuest(tenant, userId, SupplierId, name ?? Names[userId])
            : TestTokens.Issue(tenant, userId, roles ?? Roles(userId), branches ?? Branches(userId), name ?? Names.GetValueOrDefault(userId, userId));

    /// <summary>The supplier the demo guest <c>supplier</c> speaks for.</summary>
    public const string SupplierId = "sup-1";

    public HttpClient ClientFor(string userId, string tenant = Tenant) => Chat.ClientFor(Token(userId, tenant: tenant));

    public static async Task<List<ChannelSummary>> ChannelsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<ChannelSummary>>("api/chat/channels", Json))!;

    public static async Task<List<MessageDto>> MessagesAsync(HttpClient client, string channelId, long after = 0) =>
        (await client.GetFromJsonAsync<List<MessageDto>>($"api/chat/channels/{channelId}/messages?after={after}&limit=200", Json))!;

    /// <summary>A SignalR client connected as the user; every <c>messagePosted</c> lands in <see cref="LiveClient.Received"/>.</summary>
    public Task<LiveClient> ConnectAsync(string userId) => LiveClient.ConnectAsync(BaseAddress, Token(userId));

    private static readonly Dictionary<string, string> Names = new()
    {
        ["owner"] = "张店长", ["clerk"] = "小李", ["clerk-east"] = "小周", ["hq"] = "总部王", ["supplier"] = "供应商陈",
    };

    private static string[] Roles(string userId) => userId switch
    {
        "owner" => ["owner"], "hq" => ["hq"], "supplier" => ["supplier"], _ => ["clerk"],
    };

    private static string[] Branches(string userId) => userId switch
    {
        "owner" => ["main", "east"], "clerk" => ["main"], "clerk-east" => ["east"], _ => [],
    };
}
