using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using Shouldly;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Inventory;
using Stationery.Reporting;
using Stationery.Reporting.Catalogue;
using Stationery.Testing;

namespace Stationery.Architecture.Tests;

/// <summary>
/// Issue 12, "nothing lost": every service declares the platform's whole consume topology before it publishes, so start
/// order no longer loses events, and <see cref="EventReplay"/> re-sends a publisher's history to a consumer that missed it.
/// In-process hosts (Inventory publishes <see cref="ProductRegistered"/>, Reporting consumes it) on real servers, each test
/// on a fresh database and virtual host.
/// </summary>
public sealed class TopologyBeforePublish
{
    private const string Tenant = "demo";
    private const string ReportingProducts = "reporting-product-registered";

    [Fact]
    public async Task 发布者先启动且消费者从未运行过_消费者启动后收到启动前发布的全部事件()
    {
        await using var servers = await TestServers.IsolateAsync("startorder");
        await using var inventory = new ServiceFactory<InventoryService>(servers);
        var skus = await RegisterProductsAsync(inventory, "SO", 3);

        // Reporting has never run on this virtual host, yet its queue holds the three events Inventory published.
        await Probe.Until(async () => (await TestServers.QueueDepthsAsync(servers)).GetValueOrDefault(ReportingProducts),
            n => n == skus.Count, Probe.CrossService, "the events waiting in Reporting's queue before Reporting starts");

        // The real owner then declares its own endpoints over the ones Inventory declared: a flag that differed would fail its
        // start with PRECONDITION_FAILED, and nothing would be consumed.
        await using var reporting = Reporting(servers);
        reporting.Start();
        var copies = await Probe.Until(() => ProductCopiesAsync(reporting, skus), c => c.Count == skus.Count, Probe.CrossService,
            "Reporting's copies of the products registered before it started");
        copies.Select(c => c.Id).Order().ShouldBe(skus);
        copies.ShouldAllBe(c => c.Name == "晨光荧光笔" && c.Category == "笔类");
        (await reporting.Anonymous().GetAsync("health/ready")).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task 声明的拓扑与MassTransit为接收端点自己声明的完全一致()
    {
        await using var servers = await TestServers.IsolateAsync("topologyflags");
        // MassTransit's own receive endpoint, as a service's bus makes it (WireNameFormatter for the message exchange).
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(servers.RabbitMq));
            cfg.MessageTopology.SetEntityNameFormatter(new WireNameFormatter(cfg.MessageTopology.EntityNameFormatter));
            cfg.ReceiveEndpoint("masstransit-own", e => e.Handler<ProductRegistered>(_ => Task.CompletedTask));
        });
        await bus.StartAsync();
        try
        {
            var ours = new PlatformTopology([new TopologyEndpoint("test", "declared-first",
                [new TopologyMessage(typeof(ProductRegistered).FullName!, PlatformTopology.ExchangeOf(typeof(ProductRegistered)))])]);
            (await TopologyDeclaration.DeclareAsync(servers.RabbitMq, ours, CancellationToken.None)).ShouldBe((1, 1));

            using var http = TestServers.Management(servers.Servers);
            var vhost = Uri.EscapeDataString(servers.Id);
            var queue = await http.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}/masstransit-own");
            var declaredQueue = await http.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}/declared-first");
            Flags(declaredQueue, "durable", "auto_delete", "exclusive", "arguments").ShouldBe(Flags(queue, "durable", "auto_delete", "exclusive", "arguments"));
            Flags(declaredQueue, "durable", "auto_delete").ShouldBe("True|False");

            var exchange = await http.GetFromJsonAsync<JsonElement>($"api/exchanges/{vhost}/masstransit-own");
            var declaredExchange = await http.GetFromJsonAsync<JsonElement>($"api/exchanges/{vhost}/declared-first");
            string[] exchangeFlags = ["type", "durable", "auto_delete", "internal", "arguments"];
            Flags(declaredExchange, exchangeFlags).ShouldBe(Flags(exchange, exchangeFlags));
            // The message exchange was declared by us first; MassTransit then bound it with its own flags (else its start fails).
            var messageExchange = await http.GetFromJsonAsync<JsonElement>($"api/exchanges/{vhost}/stationery.inventory.product-registered");
            Flags(messageExchange, exchangeFlags).ShouldBe("fanout|True|False|False|{}");

            var bindings = await http.GetFromJsonAsync<JsonElement>($"api/bindings/{vhost}");
            string Chain(string name) => string.Join(" ; ", bindings.EnumerateArray()
                .Where(b => b.GetProperty("source").GetString() != "" // the default exchange binds every queue by its own name
                            && (b.GetProperty("destination").GetString() == name || b.GetProperty("source").GetString() == name))
                .Select(b => $"{Rename(b.GetProperty("source").GetString()!, name)}->{Rename(b.GetProperty("destination").GetString()!, name)}:" +
                             $"{b.GetProperty("destination_type").GetString()}:{b.GetProperty("routing_key").GetString()}:{b.GetProperty("arguments")}")
                .Order());
            Chain("declared-first").ShouldBe(Chain("masstransit-own"));
            Chain("declared-first").ShouldBe("endpoint->endpoint:queue::{} ; stationery.inventory.product-registered->endpoint:exchange::{}");
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task 重放_收件箱为空的消费者每个事件收到一次_再次重放不产生任何效果()
    {
        await using var servers = await TestServers.IsolateAsync("replay");
        await using var inventory = new ServiceFactory<InventoryService>(servers);
        var skus = await RegisterProductsAsync(inventory, "RP", 3);
        await Probe.Until(async () => (await TestServers.QueueDepthsAsync(servers)).GetValueOrDefault(ReportingProducts),
            n => n == skus.Count, Probe.CrossService, "the events in Reporting's queue");
        // Reporting's queue is lost with what it held: a consumer that missed the events (as one added later would).
        await DeleteQueueAsync(servers, ReportingProducts);
        await using var reporting = Reporting(servers);
        reporting.Start();

        var counts = await ReplayAsync(inventory, servers);
        counts.Sent.ShouldBe(skus.Count);
        counts.Mapped.ShouldBe(counts.Sent + counts.Skipped);
        counts.Read.ShouldBeGreaterThanOrEqualTo(counts.Mapped);
        (await Probe.Until(() => ProductCopiesAsync(reporting, skus), c => c.Count == skus.Count, Probe.CrossService,
            "the replayed products in Reporting")).Select(c => c.Id).Order().ShouldBe(skus);
        (await InboxRowsAsync(reporting)).ShouldBe(skus.Count);

        var suppressedBefore = InboxFigures.DuplicatesSuppressed;
        (await ReplayAsync(inventory, servers)).ShouldBe(counts);
        await Probe.Until(() => Task.FromResult(InboxFigures.DuplicatesSuppressed - suppressedBefore), n => n >= skus.Count,
            Probe.CrossService, "the second replay recognised by Reporting's inbox");
        (await InboxRowsAsync(reporting)).ShouldBe(skus.Count);
        (await ProductCopiesAsync(reporting, skus)).Count.ShouldBe(skus.Count);
    }

    [Fact]
    public async Task 启动时代理不可达_拓扑声明重试而不失败_代理恢复后声明完成()
    {
        await using var servers = await TestServers.IsolateAsync("topologyretry");
        var broker = new Uri(servers.RabbitMq);
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there until the "broker" comes back below
        var log = new CountingLogger();
        var declaration = new TopologyDeclaration(new UriBuilder(broker) { Port = port }.Uri.ToString(), log);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var starting = declaration.StartingAsync(stop.Token);
        await Probe.Until(() => Task.FromResult(log.Warnings), n => n >= 1, Probe.CrossService, "a failed first attempt");
        starting.IsCompleted.ShouldBeFalse("an unreachable broker at start-up is retried, not fatal");

        using var forwarder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        forwarder.Start();
        _ = ForwardAsync(forwarder, broker, stop.Token);
        await starting;
        (await TestServers.QueueDepthsAsync(servers)).Keys.ShouldContain(ReportingProducts);
        log.Warnings.ShouldBeGreaterThanOrEqualTo(1);
        await stop.CancelAsync();
    }

    /// <summary>A TCP pass-through to the broker: the broker "coming back" on the address the service was given.</summary>
    private static async Task ForwardAsync(System.Net.Sockets.TcpListener listener, Uri broker, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(ct);
            var upstream = new System.Net.Sockets.TcpClient();
            await upstream.ConnectAsync(broker.Host, broker.Port, ct);
            _ = Task.WhenAll(client.GetStream().CopyToAsync(upstream.GetStream(), ct), upstream.GetStream().CopyToAsync(client.GetStream(), ct))
                .ContinueWith(_ => { client.Dispose(); upstream.Dispose(); }, TaskScheduler.Default);
        }
    }

    private sealed class CountingLogger : Microsoft.Extensions.Logging.ILogger<TopologyDeclaration>
    {
        private int warnings;
        public int Warnings => Volatile.Read(ref warnings);
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning) Interlocked.Increment(ref warnings);
        }
    }

    private static ServiceFactory<ReportingService> Reporting(IsolatedServers servers) =>
        new(servers, new Dictionary<string, string?> { ["Reporting:ScheduledReports"] = "false" });

    private static async Task<List<string>> RegisterProductsAsync(ServiceFactory<InventoryService> inventory, string prefix, int count)
    {
        using var owner = inventory.ClientFor(TestTokens.Issue(Tenant, "owner", ["owner"], ["main"]));
        var skus = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sku = $"{prefix}-{i:D3}";
            var response = await owner.PostAsJsonAsync("api/inventory/products", new
            {
                sku, name = "晨光荧光笔", spec = "黄色", brand = "晨光", category = "笔类", unit = "支", retailPrice = 3.5m, packSize = 6,
            });
            ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
            skus.Add(sku);
        }
        return skus;
    }

    private static Task<ReplayCounts> ReplayAsync(ServiceFactory<InventoryService> inventory, IsolatedServers servers) =>
        EventReplay.RunAsync(inventory.Services.GetRequiredService<IDocumentStore>(), inventory.Services.GetRequiredService<IIntegrationEventMap>(),
            servers.RabbitMq, ReportingProducts, NullLogger.Instance);

    private static async Task<IReadOnlyList<ProductCopy>> ProductCopiesAsync(ServiceFactory<ReportingService> reporting, IReadOnlyList<string> skus)
    {
        await using var session = reporting.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.LoadManyAsync<ProductCopy>(skus);
    }

    private static async Task<int> InboxRowsAsync(ServiceFactory<ReportingService> reporting)
    {
        await using var session = reporting.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.Query<ProcessedMessage>().CountAsync(m => m.Consumer == nameof(ProductRegisteredConsumer));
    }

    private static async Task DeleteQueueAsync(IsolatedServers servers, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(servers.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }

    private static string Flags(JsonElement entity, params string[] names) =>
        string.Join("|", names.Select(n => entity.GetProperty(n) is var v && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean().ToString() : v.ToString()));

    private static string Rename(string entity, string endpoint) => entity == endpoint ? "endpoint" : entity;
}
