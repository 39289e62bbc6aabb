using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Faults.Tests;

/// <summary>
/// The fault suite's stream of commands: <see cref="Count"/> new products on branch main, each with reorder point 5 and
/// 10 in stock, then one sale of 6 each (10 → 4, below the reorder point), sent as fast as the API takes them. Every sale
/// must leave exactly one effect in each read model: one "sold" line in the product's ledger, one 低库存 alert in main's
/// 库存监控 channel, one item on main's purchase list. Commands go through the gateway; the read models are read from each
/// service directly (the owner's token, no gateway rate limit: a probe reads 80 ledgers at a time).
/// </summary>
public sealed class StockBurst(GatewayClient owner, PlatformProcesses platform, int count) : IDisposable
{
    private readonly GatewayClient inventory = Direct(owner, platform, "inventory");
    private readonly GatewayClient chat = Direct(owner, platform, "chat");
    private readonly GatewayClient purchasing = Direct(owner, platform, "purchasing");

    private const int ReorderPoint = 5;
    private const int Received = 10;
    private const int Sold = 6;
    private const int InParallel = 16;

    private readonly string run = Guid.NewGuid().ToString("N")[..6];
    private string stockWatch = "";
    private long stockWatchSeqBefore;

    public int Count => count;

    public string Sku(int i) => $"FLT-{run}-{i:000}";

    /// <summary>Unique and never a prefix of another's (fixed width), so a text search finds exactly this product.</summary>
    public string Name(int i) => $"故障笔{run}-{i:000}";

    private string SaleReference(int i) => $"FLT-S-{run}-{i:000}";

    /// <summary>Registers the products, their policies and stock; notes where the stock-watch channel stands.</summary>
    public async Task SetUpAsync()
    {
        await ForEachAsync(async i =>
        {
            var response = await owner.Http.PostAsJsonAsync("api/inventory/products", new
            {
                sku = Sku(i), name = Name(i), spec = "黑色", brand = "晨光", category = "笔类", unit = "支",
                barcode = (string?)null, retailPrice = 2.5m, packSize = 10,
            });
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"registering {Sku(i)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            // Inventory learns of branch "main" from Identity's BranchOpened: the first policy may have to wait for it.
            await Probe.Until(async () => (await owner.Http.PutAsJsonAsync($"api/inventory/branches/main/products/{Sku(i)}/policy",
                new { reorderPoint = ReorderPoint, maxLevel = 30 })).IsSuccessStatusCode, Probe.CrossService, $"policy of {Sku(i)}");
        });
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts", new
        {
            reference = $"FLT-R-{run}", lines = Enumerable.Range(0, count).Select(i => new { sku = Sku(i), quantity = Received }).ToArray(),
        })).EnsureSuccessStatusCode();

        stockWatch = await Probe.Until(async () => StockWatchChannel(await chat.GetJsonAsync("api/chat/channels")),
            c => c is not null, Probe.CrossService, "the 库存监控 channel of main") ?? "";
        stockWatchSeqBefore = (await MessagesAfterAsync(0)).Select(m => m.GetProperty("seq").GetInt64()).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Sends the sales of products <paramref name="from"/> up to (not including) <paramref name="to"/> (all by default) at
    /// once, <see cref="InParallel"/> in flight; returns how many the API acknowledged.
    /// </summary>
    public async Task<int> SendSalesAsync(int from = 0, int? to = null)
    {
        var acknowledged = 0;
        await ForEachAsync(from, to ?? count, async i =>
        {
            var response = await owner.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
            {
                reference = SaleReference(i), soldAt = DateTimeOffset.UtcNow,
                lines = new[] { new { sku = Sku(i), quantity = Sold, unitPrice = 2.5m } },
            });
            if (response.IsSuccessStatusCode) Interlocked.Increment(ref acknowledged);
        });
        return acknowledged;
    }

    /// <summary>Each read model's effects per product, as it stands now.</summary>
    public async Task<Effects> ObserveAsync()
    {
        var ledger = new int[count];
        await ForEachAsync(async i =>
        {
            var history = await inventory.GetJsonAsync($"api/inventory/branches/main/stock/{Sku(i)}");
            ledger[i] = history.GetProperty("ledger").EnumerateArray()
                .Count(e => e.GetProperty("kind").GetString() == "sold" && e.GetProperty("reference").GetString() == SaleReference(i));
        });

        var messages = await MessagesAfterAsync(stockWatchSeqBefore);
        var alerts = Enumerable.Range(0, count).Select(i => messages.Count(m =>
            m.GetProperty("text").GetString() is { } text && text.Contains("低库存") && text.Contains(Name(i)))).ToArray();

        var list = Items(await purchasing.GetJsonAsync("api/purchasing/branches/main/purchase-list")).ToList();
        var items = Enumerable.Range(0, count).Select(i => list.Count(item => item.GetProperty("sku").GetString() == Sku(i))).ToArray();
        return new Effects(ledger, alerts, items);
    }

    /// <summary>How many of the burst's products are on main's purchase list now (one read: a fault waits on it to strike mid-stream).</summary>
    public async Task<int> InPurchaseListAsync()
    {
        var skus = Enumerable.Range(0, count).Select(Sku).ToHashSet();
        return Items(await purchasing.GetJsonAsync("api/purchasing/branches/main/purchase-list"))
            .Count(item => skus.Contains(item.GetProperty("sku").GetString()!));
    }

    private async Task<List<JsonElement>> MessagesAfterAsync(long after)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var page = Items(await chat.GetJsonAsync($"api/chat/channels/{stockWatch}/messages?after={after}&limit=200")).ToList();
            all.AddRange(page.Select(m => m.Clone()));
            if (page.Count < 200) return all;
            after = page[^1].GetProperty("seq").GetInt64();
        }
    }

    public void Dispose()
    {
        inventory.Dispose();
        chat.Dispose();
        purchasing.Dispose();
    }

    private static GatewayClient Direct(GatewayClient owner, PlatformProcesses platform, string service)
    {
        var client = new GatewayClient(platform.Service(service));
        client.Http.DefaultRequestHeaders.Authorization = owner.Http.DefaultRequestHeaders.Authorization;
        return client;
    }

    private Task ForEachAsync(Func<int, Task> body) => ForEachAsync(0, count, body);

    private static async Task ForEachAsync(int from, int to, Func<int, Task> body) =>
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = InParallel },
            async (i, _) => await body(i));

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).EnumerateArray();

    private static string? StockWatchChannel(JsonElement channels) =>
        Items(channels)
            .Where(c => c.GetProperty("name").GetString()!.Contains("库存监控")
                        && c.TryGetProperty("branch", out var b) && b.GetString() == "main")
            .Select(c => c.GetProperty("id").GetString())
            .FirstOrDefault();
}

/// <summary>How many of each effect every product has, per read model (exactly one each is right).</summary>
public sealed record Effects(int[] Ledger, int[] Alerts, int[] PurchaseList)
{
    public static int Exactly(int[] counts) => counts.Count(c => c == 1);
    public static int Extra(int[] counts) => counts.Where(c => c > 1).Sum(c => c - 1);

    public bool Complete => new[] { Ledger, Alerts, PurchaseList }.All(m => m.All(c => c == 1));

    public string Describe(int expected) =>
        $"ledger {Exactly(Ledger)}/{expected}, alerts in 库存监控 {Exactly(Alerts)}/{expected}, purchase list {Exactly(PurchaseList)}/{expected}; " +
        $"duplicate effects {Extra(Ledger) + Extra(Alerts) + Extra(PurchaseList)}";
}
