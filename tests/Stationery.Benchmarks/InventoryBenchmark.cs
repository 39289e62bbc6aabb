using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Stationery.Contracts.Identity;
using Stationery.Inventory;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;
using Stationery.Testing;

namespace Stationery.Benchmarks;

/// <summary>
/// Inventory's benchmarks (issue 4).
/// B4: recording a sale through the API (the Inventory service in-process on Kestrel, over HTTP with a token: validation,
/// branch check, stream read, decider, append, inline stock level, commit) against a raw Npgsql INSERT of the same event row,
/// at concurrency 1 and 16 (16 tills, each selling its own product, so no sale loses a race).
/// B5: rebuilding the stock-level projection from N events (default 1,000,000) against a raw ordered scan of the same rows.
/// </summary>
internal static class InventoryBenchmark
{
    private const string Tenant = "bench";
    private const int Tills = 16;

    public static async Task RunSalesAsync(int reps)
    {
        await using var servers = await TestServers.IsolateAsync("benchsales");
        await using var inventory = await StartAsync(servers, daemon: "Solo");
        using var http = inventory.ClientFor(TestTokens.Issue(Tenant, "owner", ["owner"], ["main"]));
        var skus = Enumerable.Range(0, Tills).Select(i => $"BENCH-{i:00}").ToArray();
        foreach (var sku in skus)
        {
            (await http.PostAsJsonAsync("api/inventory/products", new
            {
                sku, name = "晨光荧光笔", spec = sku, brand = "晨光", category = "笔类", unit = "支", barcode = (string?)null, retailPrice = 3.5m, packSize = 10,
            })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("api/inventory/branches/main/receipts",
                new { reference = "期初", lines = new[] { new { sku, quantity = 1_000_000 } } })).EnsureSuccessStatusCode();
        }

        await using var data = NpgsqlDataSource.Create(servers.Postgres);
        await using (var create = data.CreateCommand(
            "CREATE TABLE raw_sales (seq bigserial primary key, stream text not null, version int not null, tenant text not null, data jsonb not null, at timestamptz not null default now(), UNIQUE(stream, version))"))
            await create.ExecuteNonQueryAsync();
        var versions = new int[Tills];

        foreach (var concurrency in new[] { 1, Tills })
        {
            var perTill = concurrency == 1 ? 300 : 60;
            await Measure.CompareAsync($"B4 record a sale, concurrency {concurrency} (API over HTTP vs raw INSERT)", reps, perTill * concurrency,
                ours: rep => Tills_(concurrency, rep < 0 ? 5 : perTill, async (till, i) =>
                {
                    var response = await http.PostAsJsonAsync("api/inventory/branches/main/sales", new
                    {
                        reference = $"POS-{rep}-{till}-{i}", soldAt = DateTimeOffset.UtcNow,
                        lines = new[] { new { sku = skus[till], quantity = 1, unitPrice = 3.5m } },
                    });
                    response.EnsureSuccessStatusCode();
                }),
                raw: rep => Tills_(concurrency, rep < 0 ? 5 : perTill, async (till, i) =>
                {
                    var sold = new ItemsSold("main", skus[till], 1, 3.5m, 0, $"POS-{rep}-{till}-{i}", DateTimeOffset.UtcNow, "owner", "api",
                        DateTimeOffset.UtcNow);
                    await using var cmd = data.CreateCommand("INSERT INTO raw_sales (stream, version, tenant, data) VALUES (@s, @v, @t, @d::jsonb)");
                    cmd.Parameters.AddWithValue("s", StockItem.StreamId("main", skus[till]));
                    cmd.Parameters.AddWithValue("v", Interlocked.Increment(ref versions[till]));
                    cmd.Parameters.AddWithValue("t", Tenant);
                    cmd.Parameters.AddWithValue("d", JsonSerializer.Serialize(sold));
                    await cmd.ExecuteNonQueryAsync();
                }));
        }
    }

    /// <summary><paramref name="concurrency"/> tills, each running <paramref name="each"/> operations one after another.</summary>
    private static Task Tills_(int concurrency, int each, Func<int, int, Task> operation) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(async till =>
        {
            for (var i = 0; i < each; i++) await operation(till, i);
        }));

    public static async Task RunRebuildAsync(int reps, int events)
    {
        await using var servers = await TestServers.IsolateAsync("benchrebuild");
        // No daemon while seeding: the outbox would otherwise publish every seeded event.
        await using var inventory = await StartAsync(servers, daemon: "Disabled");
        var store = inventory.Service<IDocumentStore>();

        const int perStream = 1000;
        var streams = Math.Max(1, events / perStream);
        var seeded = DateTimeOffset.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, streams), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (s, ct) =>
        {
            await using var session = store.LightweightSession(Tenant);
            session.Events.StartStream(StockItem.StreamId("main", $"R-{s:000000}"), History(s, perStream, seeded).ToArray());
            await session.SaveChangesAsync(ct);
        });
        var total = streams * perStream;
        Console.WriteLine($"  (seeded {total:N0} stock events in {streams:N0} streams in {watch.Elapsed.TotalSeconds:0.0} s)");

        await using var data = NpgsqlDataSource.Create(servers.Postgres);
        using var daemon = await store.BuildProjectionDaemonAsync();
        await Measure.CompareAsync($"B5 rebuild stock levels from {total:N0} events (projection vs raw ordered scan)", reps, total,
            ours: async rep =>
            {
                if (rep < 0) return;
                await daemon.RebuildProjectionAsync<StockLevel>(TimeSpan.FromMinutes(30), CancellationToken.None);
            },
            raw: async rep =>
            {
                if (rep < 0) return;
                await using var cmd = data.CreateCommand("SELECT seq_id, stream_id, type, data FROM inventory.mt_events WHERE tenant_id = @t ORDER BY seq_id");
                cmd.Parameters.AddWithValue("t", Tenant);
                await using var reader = await cmd.ExecuteReaderAsync();
                long bytes = 0, rows = 0;
                while (await reader.ReadAsync())
                {
                    bytes += reader.GetString(3).Length;
                    rows++;
                }
                if (rows != total) throw new InvalidOperationException($"Scanned {rows} events, expected {total} ({bytes} bytes)");
            });

        await using var check = store.QuerySession(Tenant);
        var level = await check.LoadAsync<StockLevel>(StockItem.StreamId("main", "R-000000"));
        if (level?.OnHand != 2) throw new InvalidOperationException($"The rebuilt stock level is wrong: {level?.OnHand}");
    }

    /// <summary>One stock stream: opened, a receipt, then single-unit sales down to 2 on hand.</summary>
    private static IEnumerable<object> History(int stream, int count, DateTimeOffset at)
    {
        var sku = $"R-{stream:000000}";
        yield return new StockItemOpened("main", sku, "晨光荧光笔", sku, "支", "笔类", 10, at);
        var onHand = count;
        yield return new StockReceived("main", sku, onHand, onHand, "期初", "owner", "bench", at);
        for (var i = 2; i < count; i++)
            yield return new ItemsSold("main", sku, 1, 3.5m, --onHand, $"POS-{i}", at, "clerk", "bench", at);
    }

    /// <param name="quietRaces">Marten's error log of every append that lost a race is left out (the HTTP side runs them again).</param>
    internal static async Task<ServiceFactory<InventoryService>> StartAsync(IsolatedServers servers, string daemon, string tenant = Tenant,
        bool quietRaces = false)
    {
        // Test projects get the service's content root from the test SDK; a console program names it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_STATIONERY_INVENTORY",
            Path.Combine(PlatformProcesses.RepositoryRoot(), "services", "Inventory", "Stationery.Inventory"));
        var settings = new Dictionary<string, string?>
        {
            ["Inventory:DailyPass"] = "false",
            ["Marten:DaemonMode"] = daemon,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (quietRaces) settings["Logging:LogLevel:Marten.IDocumentStore"] = "Critical";
        var inventory = new ServiceFactory<InventoryService>(servers, settings);
        inventory.Start();
        await inventory.Service<IBus>().Publish(new BranchOpened(tenant, "main", "总店", "Asia/Shanghai", DateTimeOffset.UtcNow));
        await Probe.Until(async () =>
        {
            await using var session = inventory.Service<IDocumentStore>().QuerySession(tenant);
            return await session.LoadAsync<Branch>("main") is not null;
        }, TimeSpan.FromSeconds(60), "branch main in Inventory");
        return inventory;
    }
}
