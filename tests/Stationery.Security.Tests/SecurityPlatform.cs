using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>The security tests share one running platform of their own, with two chains and every demo role logged in.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityPlatform>
{
    public const string Name = "security";
}

/// <summary>
/// Chain A is the seeded <c>demo</c> chain with one of everything (product, stock, receipt, transfer, quote, purchase order,
/// purchase-list item, chat message) and a manager and an hq user added through the API; chain B signs up through the
/// gateway and holds its own branch and product. Every service's OpenAPI document is read once through the gateway.
/// </summary>
public sealed class SecurityPlatform : IAsyncLifetime
{
    public const string SupplierId = "demo-supplier-chenguang";
    public const string Password = GatewayClient.DemoPassword;
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    public PlatformProcesses Platform { get; } = new();
    public Uri Gateway => Platform.Gateway;

    public GatewayClient Owner { get; private set; } = null!;
    public GatewayClient Manager { get; private set; } = null!;
    public GatewayClient Clerk { get; private set; } = null!;
    public GatewayClient ClerkEast { get; private set; } = null!;
    public GatewayClient Hq { get; private set; } = null!;
    public GatewayClient Supplier { get; private set; } = null!;
    public GatewayClient OwnerB { get; private set; } = null!;

    /// <summary>Chain A's things, by what they are.</summary>
    public ChainAData A { get; private set; } = null!;

    public string ChainB { get; } = $"sec-b-{Guid.NewGuid():N}"[..14];
    public string SkuB { get; } = $"SECB-{Guid.NewGuid():N}"[..13].ToUpperInvariant();

    public OpenApiRoutes Routes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        Owner = await GatewayClient.LoginAsync(Gateway, "owner");
        Clerk = await GatewayClient.LoginAsync(Gateway, "clerk");
        ClerkEast = await GatewayClient.LoginAsync(Gateway, "clerk-east");
        Supplier = await GatewayClient.LoginAsync(Gateway, "supplier");
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var managerId = await AddStaffAsync($"sec-manager-{suffix}", "安全测试店长", ["manager"], ["main"]);
        await AddStaffAsync($"sec-hq-{suffix}", "安全测试总部", ["hq"], []);
        Manager = await GatewayClient.LoginAsync(Gateway, $"sec-manager-{suffix}");
        Hq = await GatewayClient.LoginAsync(Gateway, $"sec-hq-{suffix}");

        A = await SeedChainAAsync(suffix, managerId, $"sec-manager-{suffix}");
        await SignUpChainBAsync();
        Routes = await OpenApiRoutes.LoadAsync(Gateway);
    }

    public Task DisposeAsync()
    {
        foreach (var c in new[] { Owner, Manager, Clerk, ClerkEast, Hq, Supplier, OwnerB }) c?.Dispose();
        return Platform.DisposeAsync();
    }

    /// <summary>The logged-in demo users by role name, as the role sweep walks them.</summary>
    public IReadOnlyList<(string Role, GatewayClient Client, string Branch)> RoleUsers =>
    [
        ("owner", Owner, "main"), ("manager", Manager, "main"), ("clerk", Clerk, "main"), ("hq", Hq, "main"), ("supplier", Supplier, "main"),
    ];

    public async Task<string> AddStaffAsync(string username, string name, string[] roles, string[] branches)
    {
        var response = await Owner.Http.PostAsJsonAsync("api/identity/staff",
            new { username, displayName = name, password = Password, roles, branches });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<ChainAData> SeedChainAAsync(string suffix, string managerId, string managerUsername)
    {
        var sku = $"SECA-{suffix}".ToUpperInvariant();
        var productName = $"甲链独有荧光笔{suffix}";
        var category = $"甲链类目{suffix}";
        await Expect(Owner.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name = productName, spec = "黄色", brand = "晨光", category, unit = "支", barcode = (string?)null,
            retailPrice = 3.5m, packSize = 10,
        }), HttpStatusCode.Created);

        // Inventory learns branches from Identity's events: wait until it accepts a policy at main and east.
        foreach (var branch in new[] { "main", "east" })
            await Probe.Until(async () => (await Owner.Http.PutAsJsonAsync($"api/inventory/branches/{branch}/products/{sku}/policy",
                new { reorderPoint = 2, maxLevel = 50 })).IsSuccessStatusCode, Probe.CrossService, $"policy at {branch}");
        await Expect(Owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts",
            new { reference = $"SECA-R-{suffix}", lines = new[] { new { sku, quantity = 20 } } }), HttpStatusCode.OK);
        var transfer = await Expect(Owner.Http.PostAsJsonAsync("api/inventory/branches/main/transfers",
            new { toBranch = "east", lines = new[] { new { sku, quantity = 1 } }, note = "security sweep" }), HttpStatusCode.Created);

        // Purchasing learns the product from ProductRegistered.
        var validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd");
        await Probe.Until(() => Owner.Http.PostAsJsonAsync($"api/purchasing/suppliers/{SupplierId}/quotes",
                new { sku, unitCost = 1.23m, minOrderQty = 1, validUntil }),
            r => r.StatusCode == HttpStatusCode.Created, Probe.CrossService, "a quote for the new product");
        var order = await Expect(Owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId = SupplierId, lines = new[] { new { sku, quantity = 5 } } }), HttpStatusCode.Created);
        var listItem = await Expect(Owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-list",
            new { sku, quantity = 3, note = "security sweep" }), HttpStatusCode.Created);

        var channelId = await Probe.Until(async () =>
        {
            var channels = await Owner.GetJsonAsync("api/chat/channels");
            return channels.EnumerateArray().Where(c => c.TryGetProperty("branch", out var b) && b.GetString() == "main")
                .Select(c => c.GetProperty("id").GetString()).FirstOrDefault();
        }, id => id is not null, Probe.CrossService, "a chat channel of branch main");
        var text = $"甲链机密消息 {suffix}";
        using var upload = new MultipartFormDataContent();
        var png = new ByteArrayContent(Convert.FromBase64String(OnePixelPng));
        png.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        upload.Add(png, "file", $"delivery-{suffix}.png");
        var attachment = await Expect(Owner.Http.PostAsync("api/chat/attachments", upload), HttpStatusCode.Created);
        var attachmentId = attachment.GetProperty("id").GetString()!;
        var message = await Expect(Owner.Http.PostAsJsonAsync($"api/chat/channels/{channelId}/messages",
            new { clientMessageId = $"sec-{suffix}", text, attachmentIds = new[] { attachmentId } }), HttpStatusCode.Created);

        return new ChainAData(sku, productName, transfer.GetProperty("id").GetString()!, order.GetProperty("id").GetString()!,
            channelId!, message.GetProperty("id").GetString()!, text, managerId, managerUsername, Owner.User.GetProperty("id").GetString()!,
            attachmentId, category, listItem.GetProperty("itemId").GetString()!);
    }

    private async Task SignUpChainBAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        await Expect(anonymous.PostAsJsonAsync("api/identity/chains", new
        {
            chain = ChainB, name = "乙链文具", ownerUsername = "b-owner", ownerPassword = "chain-b-password", ownerDisplayName = "乙老板",
        }), HttpStatusCode.Created);
        using (var first = await GatewayClient.LoginAsync(Gateway, "b-owner", ChainB, "chain-b-password"))
            await Expect(first.Http.PostAsJsonAsync("api/identity/branches", new { code = "north", name = "北店", timeZone = "Asia/Shanghai" }),
                HttpStatusCode.Created);
        // Log in again: the token now carries the branch the owner opened.
        OwnerB = await GatewayClient.LoginAsync(Gateway, "b-owner", ChainB, "chain-b-password");
        await Expect(OwnerB.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku = SkuB, name = "乙链商品", spec = "", brand = "", category = "笔类", unit = "支", barcode = (string?)null, retailPrice = 1m, packSize = 1,
        }), HttpStatusCode.Created);
        await Probe.Until(async () => (await OwnerB.Http.PostAsJsonAsync("api/inventory/branches/north/receipts",
            new { reference = "B-R1", lines = new[] { new { sku = SkuB, quantity = 5 } } })).IsSuccessStatusCode,
            Probe.CrossService, "a receipt at chain B's branch");
    }

    public static async Task<JsonElement> Expect(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>Chain A's objects the sweeps aim at.</summary>
public sealed record ChainAData(string Sku, string ProductName, string TransferId, string PurchaseOrderId, string ChannelId,
    string MessageId, string MessageText, string ManagerId, string ManagerUsername, string OwnerId, string AttachmentId, string Category,
    string PurchaseListItemId)
{
    /// <summary>Strings that identify chain A's rows: none may appear in anything chain B reads.</summary>
    public IReadOnlyList<string> Markers =>
    [
        Sku, ProductName, TransferId, PurchaseOrderId, ChannelId, MessageId, MessageText, ManagerId, ManagerUsername, OwnerId, AttachmentId, Category,
        PurchaseListItemId,
        SecurityPlatform.SupplierId, "晨光文具", "演示文具连锁", "总店", "东区店", "张店长",
    ];
}
