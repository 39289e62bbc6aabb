using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Purchasing;
using Stationery.Purchasing.Catalogue;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>
/// Purchasing on real Kestrel against its own PostgreSQL database and RabbitMQ virtual host, plus an integrator bus that
/// plays Inventory and Chat (publishing their contracts) and hears every contract Purchasing publishes. Each test works in
/// a chain of its own, so tests in one class never see each other's data.
/// </summary>
public sealed class PurchasingHost : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IsolatedServers servers = null!;

    public ServiceFactory<PurchasingService> Service { get; private set; } = null!;

    public IntegratorBus Integrator { get; private set; } = null!;

    /// <summary>Messages the service's consumers have finished with (applied or skipped as duplicates), by MessageId.</summary>
    public ConsumedMessages Consumed { get; } = new();

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync("purchasing");
        Integrator = await IntegratorBus.StartAsync(servers, "purchasing-tests-integrator", h => h
            .Of<SupplierRegistered>().Of<PurchaseListItemAdded>().Of<PurchaseOrderPlaced>().Of<PurchaseOrderConfirmed>()
            .Of<GoodsReceived>().Of<DeliveryDiscrepancyRaised>().Of<PurchaseOrderCancelled>().Of<SupplierQuoteRecorded>().Of<DeliveryAnnounced>());
        Service = new ServiceFactory<PurchasingService>(servers);
        Service.Start();
        Service.Service<IBus>().ConnectConsumeObserver(Consumed);
    }

    public async Task DisposeAsync()
    {
        await Integrator.DisposeAsync();
        await Service.DisposeAsync();
        await servers.DisposeAsync();
    }

    public static string NewChain() => $"c{Guid.NewGuid():N}"[..12];

    public HttpClient Owner(string chain) => Service.ClientFor(TestTokens.Issue(chain, "owner", ["owner"], ["main", "east"], "张店长"));

    public HttpClient Clerk(string chain, string branch = "main") => Service.ClientFor(TestTokens.Issue(chain, "clerk", ["clerk"], [branch], "小李"));

    public HttpClient Manager(string chain) => Service.ClientFor(TestTokens.Issue(chain, "manager", ["manager"], ["main"], "刘店长"));

    public HttpClient SupplierGuest(string chain, string supplierId) =>
        Service.ClientFor(TestTokens.IssueSupplierGuest(chain, $"guest-of-{supplierId}", supplierId, "供应商王经理"));

    /// <summary>Inventory registers a product; returns once Purchasing holds its copy.</summary>
    public async Task RegisterProductAsync(string chain, string sku, string name, string spec = "", int packSize = 1, string unit = "支")
    {
        await Integrator.Publish(new ProductRegistered(chain, sku, name, spec, "晨光", "笔类", unit, null, 5m, packSize, DateTimeOffset.UtcNow));
        var store = Service.Service<IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var session = store.QuerySession(chain);
            return await session.LoadAsync<ProductCopy>(sku) is not null;
        }, what: $"Purchasing's copy of {sku}");
    }

    public static async Task<string> RegisterSupplierAsync(HttpClient owner, string name, int leadTimeDays = 3)
    {
        var response = await owner.PostAsJsonAsync("api/purchasing/suppliers",
            new { name, contact = "王经理 138-0000-0001", leadTimeDays, categories = new[] { "笔类" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task QuoteAsync(HttpClient owner, string supplierId, string sku, decimal unitCost, int minOrderQty = 1)
    {
        var response = await owner.PostAsJsonAsync($"api/purchasing/suppliers/{supplierId}/quotes",
            new { sku, unitCost, minOrderQty, validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)) });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<JsonElement> PlaceOrderAsync(HttpClient owner, string supplierId, string sku, int quantity, string branch = "main")
    {
        var response = await owner.PostAsJsonAsync($"api/purchasing/branches/{branch}/purchase-orders",
            new { supplierId, lines = new[] { new { sku, quantity } } });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PurchaseListAsync(HttpClient client, string branch = "main") =>
        (await client.GetFromJsonAsync<JsonElement>($"api/purchasing/branches/{branch}/purchase-list")).GetProperty("items");
}

/// <summary>Counts consumer completions per MessageId, so a test can wait until a redelivered duplicate has been handled.</summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> counts = new();

    public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id) counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
