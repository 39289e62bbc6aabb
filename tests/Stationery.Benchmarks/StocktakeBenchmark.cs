using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Stationery.Testing;

namespace Stationery.Benchmarks;

/// <summary>
/// B7 (issue 14): a full 盘点 of <c>skus</c> products (default 2,000) at branch main through the Inventory service in-process
/// on Kestrel: products and opening stock imported (the two .csv import routes), a full stocktake opened with 5 zones (one
/// per category) and 5 clerks as counters of every zone, then the 5 counters at once entering <c>counts</c> single counts
/// (5 × skus, 10,000 by default: every counter counts its share of every product) through the counts route as a phone online sends
/// them — one POST per count, an <c>Idempotency-Key</c> each, a 409 sent again with the same countId and key as the phone
/// does — then every zone finished and the stocktake completed (a variance of +1 on every 10th product: under the default
/// threshold, so completion books them without explanations). Against it, in the same run: the same rows INSERTed one by one
/// by 5 concurrent writers into a plain PostgreSQL table, and the completion as one transaction UPDATEing the products' rows.
/// One repetition (a stocktake of 10,000 counts is not cheap to repeat); a smaller one is <c>--stocktake-skus 400</c>
/// (2,000 counts). Its per-count figures are not those of the large one: the stocktake's state grows with its counts.
/// </summary>
internal static class StocktakeBenchmark
{
    private const string Tenant = "benchstocktake";
    private const int Counters = 5;
    private const int OnHand = 50;
    private static readonly string[] Categories = ["笔类", "本册", "文件管理", "桌面文具", "美术用品"];

    public static async Task RunAsync(int skus)
    {
        await using var servers = await TestServers.IsolateAsync("benchstocktake");
        await using var inventory = await InventoryBenchmark.StartAsync(servers, daemon: "Solo", tenant: Tenant, quietRaces: true);
        using var owner = inventory.ClientFor(TestTokens.Issue(Tenant, "owner", ["owner"], ["main"]));
        owner.Timeout = TimeSpan.FromMinutes(5);
        var counters = Enumerable.Range(1, Counters).Select(c =>
        {
            var http = inventory.ClientFor(TestTokens.Issue(Tenant, $"u-counter{c}", ["clerk"], ["main"], $"盘点员{c}"));
            http.Timeout = TimeSpan.FromMinutes(2);
            return http;
        }).ToArray();

        // Seed: the catalogue and the opening stock, each one .csv upload.
        var watch = Stopwatch.StartNew();
        var products = Enumerable.Range(0, skus).Select(i => (Sku: $"STK-{i:D5}", Category: Categories[i % Categories.Length])).ToArray();
        await ImportAsync(owner, "api/inventory/imports/products", "商品编码,品名,规格,品牌,类别,单位,条码,零售价,包装数",
            products.Select((p, i) => $"{p.Sku},盘点商品 {i},A5,晨光,{p.Category},个,,{3.5m + i % 10},10"), skus);
        await ImportAsync(owner, "api/inventory/branches/main/imports/opening-stock", "商品编码,品名,规格,单位,数量",
            products.Select(p => $"{p.Sku},,,,{OnHand}"), skus);
        Console.WriteLine($"  (seeded {skus:N0} products with {OnHand} on hand each through the two .csv imports in {watch.Elapsed.TotalSeconds:0.0} s)");

        var counterRefs = Enumerable.Range(1, Counters).Select(c => new { userId = $"u-counter{c}", name = $"盘点员{c}" }).ToArray();
        var opened = await owner.PostAsJsonAsync("api/inventory/branches/main/stocktakes", new
        {
            kind = "full", blind = true,
            zones = Categories.Select(c => new { name = $"{c}区", category = c, counters = counterRefs }),
        });
        await Ok(opened, HttpStatusCode.Created);
        var view = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var id = view.GetProperty("id").GetString()!;
        var zoneOf = view.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("category").GetString()!, z => z.GetProperty("zoneId").GetString()!);
        var root = $"api/inventory/branches/main/stocktakes/{id}";

        // Counter c counts its share of each product (the shares sum to the books, +1 on every 10th product from counter 1),
        // starting at zone c so that the five do not walk the zones in step.
        var work = Enumerable.Range(0, Counters).Select(c => products
            .OrderBy(p => (Array.IndexOf(Categories, p.Category) - c + Counters) % Categories.Length).ThenBy(p => p.Sku, StringComparer.Ordinal)
            .Select(p => (p.Sku, Zone: zoneOf[p.Category], Quantity: Share(p.Sku, c)))
            .ToList()).ToArray();
        var latencies = new List<double>[Counters];
        var retries = 0;
        var counting = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Counters).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(work[c].Count);
            foreach (var (sku, zone, quantity) in work[c])
            {
                var countId = $"c{c + 1}-{sku}";
                var started = Stopwatch.GetTimestamp();
                for (var attempt = 1; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"{root}/zones/{zone}/counts")
                    {
                        Content = JsonContent.Create(new { countId, sku, quantity }),
                    };
                    request.Headers.Add("Idempotency-Key", countId);
                    using var response = await counters[c].SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.Conflict && attempt < 10 && await IsRaceAsync(response))
                    {
                        Interlocked.Increment(ref retries);
                        continue;
                    }
                    await Ok(response, HttpStatusCode.OK);
                    break;
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var countingSeconds = counting.Elapsed.TotalSeconds;
        var total = latencies.Sum(l => l.Count);

        var finishing = Stopwatch.StartNew();
        foreach (var zone in zoneOf.Values.Order()) await Ok(await owner.PostAsync($"{root}/zones/{zone}/finish", null), HttpStatusCode.OK);
        var finishSeconds = finishing.Elapsed.TotalSeconds;
        var completing = Stopwatch.StartNew();
        var completed = await owner.PostAsync($"{root}/complete", null);
        await Ok(completed, HttpStatusCode.OK);
        var completeSeconds = completing.Elapsed.TotalSeconds;
        var result = await completed.Content.ReadFromJsonAsync<JsonElement>();
        var expectedAdjustments = products.Count(p => Variance(p.Sku) != 0);
        if (result.GetProperty("status").GetString() != "completed" || result.GetProperty("adjustments").GetInt32() != expectedAdjustments
            || result.GetProperty("figures").GetProperty("skusCounted").GetInt32() != skus)
            throw new InvalidOperationException($"the stocktake did not complete as counted: {result.GetProperty("status")}, " +
                $"{result.GetProperty("adjustments")} adjustments (expected {expectedAdjustments}), figures {result.GetProperty("figures")}");
        var snapshotBytes = await SnapshotBytesAsync(servers.Postgres, id);

        // Raw: the same rows into a plain table, 5 writers one row per statement; completion one UPDATE transaction.
        var raw = await RawAsync(servers.Postgres, work, products.Select(p => p.Sku).ToArray());

        var ours = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"B7 stocktake {skus:N0} skus, {Counters} counters, {total:N0} single counts over HTTP vs raw INSERT " +
            $"({Counters} writers)");
        Console.WriteLine($"  per count p50 / p95                ours {Percentile(ours, 0.5),8:0.0} / {Percentile(ours, 0.95):0.0} ms   " +
            $"raw {Percentile(raw.Latencies, 0.5),6:0.00} / {Percentile(raw.Latencies, 0.95):0.00} ms   " +
            $"ratio {Percentile(ours, 0.5) / Percentile(raw.Latencies, 0.5):0.0}× / {Percentile(ours, 0.95) / Percentile(raw.Latencies, 0.95):0.0}×");
        Console.WriteLine($"  counts/s                           ours {total / countingSeconds,8:N0}        raw {total / raw.InsertSeconds,8:N0}      " +
            $"ratio {countingSeconds / raw.InsertSeconds:0.0}×   ({countingSeconds:0.0} s vs {raw.InsertSeconds:0.00} s; " +
            $"{retries:N0} counts sent again after a 409 lost race)");
        Console.WriteLine($"  completion (finish {Categories.Length} zones + complete, {expectedAdjustments:N0} adjustments)   " +
            $"ours {finishSeconds + completeSeconds:0.00} s (finish {finishSeconds:0.00} s, complete {completeSeconds:0.00} s)   " +
            $"raw UPDATE {skus:N0} rows {raw.UpdateSeconds:0.000} s   ratio {(finishSeconds + completeSeconds) / raw.UpdateSeconds:0}×");
        Console.WriteLine($"  per-count latency by tenth of the run (p50 ms): " +
            string.Join(" ", Enumerable.Range(0, 10).Select(t => Percentile(latencies.SelectMany(l => l.Skip(l.Count * t / 10).Take(l.Count / 10)).Order().ToList(), 0.5).ToString("0"))) +
            $"; the stocktake's snapshot document at the end: {snapshotBytes / 1024.0:N0} KiB");
    }

    /// <summary>+1 found on every 10th product (counter 1's share), else none.</summary>
    private static int Variance(string sku) => int.Parse(sku[4..]) % 10 == 0 ? 1 : 0;

    private static int Share(string sku, int counter) =>
        OnHand / Counters + (counter < OnHand % Counters ? 1 : 0) + (counter == 0 ? Variance(sku) : 0);

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task<bool> IsRaceAsync(HttpResponseMessage response) =>
        (await response.Content.ReadAsStringAsync()).Contains("/concurrency", StringComparison.Ordinal);

    private static async Task Ok(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task ImportAsync(HttpClient http, string route, string header, IEnumerable<string> rows, int expected)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(header)))]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "seed.csv");
        var response = await http.PostAsync(route, form);
        await Ok(response, HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (report.GetProperty("applied").GetInt32() != expected)
            throw new InvalidOperationException($"{route} applied {report.GetProperty("applied")} rows of {expected}: {report}");
    }

    private static async Task<long> SnapshotBytesAsync(string postgres, string id)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var cmd = data.CreateCommand("SELECT max(octet_length(data::text))::bigint FROM inventory.mt_doc_stocktakesnapshot WHERE id LIKE @id");
        cmd.Parameters.AddWithValue("id", $"%{id}");
        return await cmd.ExecuteScalarAsync() is long n ? n : 0;
    }

    private sealed record RawFigures(List<double> Latencies, double InsertSeconds, double UpdateSeconds);

    private static async Task<RawFigures> RawAsync(string postgres, List<(string Sku, string Zone, int Quantity)>[] work, string[] skus)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using (var create = data.CreateCommand(
            "CREATE TABLE raw_counts (seq bigserial primary key, stocktake text not null, zone text not null, sku text not null, " +
            "counter text not null, count_id text not null unique, quantity int not null, at timestamptz not null default now()); " +
            "CREATE TABLE raw_stock (sku text primary key, on_hand int not null); " +
            "INSERT INTO raw_stock SELECT unnest(@skus), 50"))
        {
            create.Parameters.AddWithValue("skus", skus);
            await create.ExecuteNonQueryAsync();
        }
        var latencies = new List<double>[work.Length];
        var inserting = Stopwatch.StartNew();
        await Task.WhenAll(work.Select(async (mine, c) =>
        {
            var times = latencies[c] = new List<double>(mine.Count);
            foreach (var (sku, zone, quantity) in mine)
            {
                var started = Stopwatch.GetTimestamp();
                await using var cmd = data.CreateCommand(
                    "INSERT INTO raw_counts (stocktake, zone, sku, counter, count_id, quantity) VALUES ('raw', @z, @s, @c, @id, @q)");
                cmd.Parameters.AddWithValue("z", zone);
                cmd.Parameters.AddWithValue("s", sku);
                cmd.Parameters.AddWithValue("c", $"u-counter{c + 1}");
                cmd.Parameters.AddWithValue("id", $"c{c + 1}-{sku}");
                cmd.Parameters.AddWithValue("q", quantity);
                await cmd.ExecuteNonQueryAsync();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var insertSeconds = inserting.Elapsed.TotalSeconds;

        var updating = Stopwatch.StartNew();
        await using (var connection = await data.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var cmd = new NpgsqlCommand(
                "UPDATE raw_stock SET on_hand = c.counted FROM (SELECT sku, sum(quantity)::int AS counted FROM raw_counts GROUP BY sku) c " +
                "WHERE raw_stock.sku = c.sku", connection, tx);
            var updated = await cmd.ExecuteNonQueryAsync();
            if (updated != skus.Length) throw new InvalidOperationException($"the raw completion updated {updated} rows of {skus.Length}");
            await tx.CommitAsync();
        }
        return new RawFigures(latencies.SelectMany(l => l).Order().ToList(), insertSeconds, updating.Elapsed.TotalSeconds);
    }
}
