using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Inventory.Branches;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>
/// Inventory in-process on real Kestrel against its own PostgreSQL database and RabbitMQ vhost (one per test class),
/// with branches opened the way production opens them: Identity's BranchOpened arriving over the bus.
/// Chain <c>demo</c> has branches main and east; chain <c>rival</c> has only main.
/// </summary>
public class InventoryHost : IAsyncLifetime
{
    public IsolatedServers Servers { get; private set; } = null!;
    public ServiceFactory<InventoryService> Service { get; private set; } = null!;

    protected virtual ServiceFactory<InventoryService> CreateService(IsolatedServers servers) => new(servers);

    public async Task InitializeAsync()
    {
        Servers = await TestServers.IsolateAsync(GetType().Name);
        Service = CreateService(Servers);
        Service.Start();
        await OpenBranchAsync("demo", "main", "总店");
        await OpenBranchAsync("demo", "east", "东区店");
        await OpenBranchAsync("rival", "main", "对手总店");
    }

    public async Task OpenBranchAsync(string tenant, string code, string name)
    {
        await Service.Service<IBus>().Publish(new BranchOpened(tenant, code, name, "Asia/Shanghai", DateTimeOffset.UtcNow));
        await Probe.Until(async () =>
        {
            await using var session = Service.Service<IDocumentStore>().QuerySession(tenant);
            return await session.LoadAsync<Branch>(code) is not null;
        }, what: $"branch {tenant}/{code} to arrive");
    }

    public HttpClient Owner(string tenant = "demo") => As(tenant, "owner", ["owner"], ["main", "east"]);
    public HttpClient Manager(string branch = "main") => As("demo", "manager", ["manager"], [branch]);
    public HttpClient Clerk(string branch = "main") => As("demo", "clerk", ["clerk"], [branch]);
    public HttpClient Hq(string tenant = "demo") => As(tenant, "hq", ["hq"], []);

    public HttpClient As(string tenant, string user, string[] roles, string[] branches) =>
        Service.ClientFor(TestTokens.Issue(tenant, user, roles, branches));

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

/// <summary>The calls the tests make, in the API's own shapes.</summary>
public static class InventoryApi
{
    public static async Task<string> RegisterAsync(this HttpClient http, string sku, string name = "晨光荧光笔", string spec = "黄色",
        int packSize = 6, string? barcode = null, string category = "笔类")
    {
        var response = await http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name, spec, brand = "晨光", category, unit = "支", barcode, retailPrice = 3.5m, packSize,
        });
        await response.ShouldBe(201);
        return sku;
    }

    public static Task<HttpResponseMessage> PolicyAsync(this HttpClient http, string branch, string sku, int? reorderPoint, int? maxLevel = null) =>
        http.PutAsJsonAsync($"api/inventory/branches/{branch}/products/{sku}/policy", new { reorderPoint, maxLevel });

    public static Task<HttpResponseMessage> ReceiveAsync(this HttpClient http, string branch, string reference, params (string Sku, int Quantity)[] lines) =>
        http.PostAsJsonAsync($"api/inventory/branches/{branch}/receipts",
            new { reference, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) });

    public static Task<HttpResponseMessage> SellAsync(this HttpClient http, string branch, string reference, params (string Sku, int Quantity)[] lines) =>
        http.PostAsJsonAsync($"api/inventory/branches/{branch}/sales",
            new { reference, soldAt = DateTimeOffset.UtcNow, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, unitPrice = 3.5m }) });

    public static async Task<JsonElement> JsonAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        await response.ShouldBe(200);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts the status, showing the body when it is not the expected one.</summary>
    public static async Task ShouldBe(this HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts an RFC 7807 body with the status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        await response.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        problem.GetProperty("type").GetString().ShouldNotBeNullOrEmpty();
        return problem;
    }

    public static string[] FieldErrors(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var errors)
            ? errors.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : throw new ShouldAssertException($"No error for field '{field}' in {problem}");
}
