using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F7: many writers on one stream at once. 40 sales of one unit of ONE product, 16 in flight: each is either acknowledged
/// and in the ledger exactly once, or refused with a 409 <c>concurrency</c> problem (never a 500), and on hand is what was
/// received less what was acknowledged (no lost update). 40 posts to ONE chat channel, 16 in flight: every one is
/// acknowledged (posters queue on the channel's stream row) and the channel holds them all, with unique consecutive seqs.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "FaultSmoke")]
public sealed class ConcurrentAppendsToOneStream(FaultPlatform faults, ITestOutputHelper output)
{
    private const int Sales = 40;
    private const int Posts = 40;
    private const int InParallel = 16;

    private readonly string run = Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task F7_同一商品的并发销售与同一频道的并发发言_无丢失更新_冲突答409_消息序号唯一连续()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        var sales = await SellConcurrentlyAsync(owner);
        var posts = await PostConcurrentlyAsync(owner);

        var line = $"F7 {Sales} concurrent 1-unit sales of one product ({InParallel} in flight): {sales.Acknowledged} acknowledged, " +
                   $"{sales.Conflicts} refused 409, {sales.Other} other; ledger {sales.InLedgerOnce}/{sales.Acknowledged} exactly once, " +
                   $"on hand {sales.OnHand} = {Sales} − {sales.Acknowledged}; {Posts} concurrent posts to one channel: " +
                   $"{posts.Acknowledged} acknowledged, {posts.Stored} stored, seqs {posts.Seqs}";
        output.WriteLine(line);
        Console.WriteLine($"[faults] {line}");

        sales.Other.ShouldBe(0, sales.Refusals);
        sales.Acknowledged.ShouldBeGreaterThan(0);
        (sales.Acknowledged + sales.Conflicts).ShouldBe(Sales);
        sales.InLedgerOnce.ShouldBe(sales.Acknowledged, "every acknowledged sale in the ledger exactly once");
        sales.RefusedInLedger.ShouldBe(0, "a refused sale leaves no trace");
        sales.Balance.ShouldBe(Sales - sales.Acknowledged, "the ledger's running balance");
        sales.OnHand.ShouldBe(Sales - sales.Acknowledged, "on hand = received − acknowledged sales: no lost update");

        posts.Acknowledged.ShouldBe(Posts, posts.Refusals);
        posts.Stored.ShouldBe(Posts, "every acknowledged post is in the channel, once");
        posts.Consecutive.ShouldBeTrue($"unique consecutive seqs: {posts.Seqs}");
        posts.AnsweredSeqsMatch.ShouldBeTrue("each post's answer names the seq it is stored under");
    }

    private sealed record SaleOutcome(int Acknowledged, int Conflicts, int Other, string Refusals, int InLedgerOnce, int RefusedInLedger,
        int Balance, int OnHand);

    private async Task<SaleOutcome> SellConcurrentlyAsync(GatewayClient owner)
    {
        var sku = $"FLT7-{run}";
        var registered = await owner.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name = $"并发笔{run}", spec = "黑色", brand = "晨光", category = "笔类", unit = "支",
            barcode = (string?)null, retailPrice = 2.5m, packSize = 10,
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts", new
        {
            reference = $"FLT7-R-{run}", lines = new[] { new { sku, quantity = Sales } },
        })).EnsureSuccessStatusCode();

        var answers = new ConcurrentDictionary<string, (HttpStatusCode Status, string Body)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Sales), new ParallelOptions { MaxDegreeOfParallelism = InParallel }, async (i, _) =>
        {
            var reference = $"FLT7-S-{run}-{i:00}";
            using var response = await owner.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
            {
                reference, soldAt = DateTimeOffset.UtcNow, lines = new[] { new { sku, quantity = 1, unitPrice = 2.5m } },
            });
            answers[reference] = (response.StatusCode, await response.Content.ReadAsStringAsync());
        });
        var acknowledged = answers.Where(a => a.Value.Status == HttpStatusCode.OK).Select(a => a.Key).ToHashSet();
        var conflicts = answers.Where(a => a.Value.Status == HttpStatusCode.Conflict && IsConcurrencyProblem(a.Value.Body)).Select(a => a.Key).ToHashSet();
        var other = answers.Where(a => !acknowledged.Contains(a.Key) && !conflicts.Contains(a.Key)).ToList();

        var history = await owner.GetJsonAsync($"api/inventory/branches/main/stock/{sku}?limit=2000");
        var sold = history.GetProperty("ledger").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "sold").ToList();
        var references = sold.GroupBy(e => e.GetProperty("reference").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        var balance = history.GetProperty("ledger").EnumerateArray().Last().GetProperty("balance").GetInt32();
        // The stock row is a projection of the stream: read it once it has caught up (bounded), then assert on it.
        var onHand = await ReadOnHandAsync(owner, sku, Sales - acknowledged.Count);

        return new SaleOutcome(acknowledged.Count, conflicts.Count, other.Count,
            string.Join("; ", other.Take(3).Select(o => $"{o.Key}: {(int)o.Value.Status} {o.Value.Body}")),
            acknowledged.Count(r => references.GetValueOrDefault(r) == 1), conflicts.Sum(r => references.GetValueOrDefault(r)), balance, onHand);
    }

    private static async Task<int> ReadOnHandAsync(GatewayClient owner, string sku, int expected)
    {
        async Task<int> Read() => (await owner.GetJsonAsync($"api/inventory/branches/main/stock/{sku}?limit=1"))
            .GetProperty("stock").GetProperty("onHand").GetInt32();
        try { return await Probe.Until(Read, n => n == expected, Probe.CrossService, "the stock row to catch up"); }
        catch (TimeoutException) { return await Read(); }
    }

    private static bool IsConcurrencyProblem(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("status").GetInt32() == 409
               && json.RootElement.GetProperty("type").GetString()!.EndsWith("concurrency", StringComparison.Ordinal)
               // Chinese first, then English, as every problem the platform answers.
               && json.RootElement.GetProperty("detail").GetString() is { } detail
               && detail.StartsWith("其他人同时修改了这里", StringComparison.Ordinal) && detail.Contains("Someone else changed this", StringComparison.Ordinal);
    }

    private sealed record PostOutcome(int Acknowledged, string Refusals, int Stored, string Seqs, bool Consecutive, bool AnsweredSeqsMatch);

    private async Task<PostOutcome> PostConcurrentlyAsync(GatewayClient owner)
    {
        // A group of its own (a group needs one other person): nobody else's messages between the seqs.
        string clerk;
        using (var login = await GatewayClient.LoginAsync(faults.Platform.Gateway, "clerk")) clerk = login.User.GetProperty("id").GetString()!;
        var opened = await owner.Http.PostAsJsonAsync("api/chat/channels", new { kind = "group", name = $"并发{run}", members = new[] { clerk } });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var channel = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var answers = new ConcurrentDictionary<string, (HttpStatusCode Status, string Body)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Posts), new ParallelOptions { MaxDegreeOfParallelism = InParallel }, async (i, _) =>
        {
            var text = $"并发发言{run}-{i:00}";
            using var response = await owner.Http.PostAsJsonAsync($"api/chat/channels/{channel}/messages",
                new { clientMessageId = $"f7-{run}-{i:00}", text });
            answers[text] = (response.StatusCode, await response.Content.ReadAsStringAsync());
        });
        var acknowledged = answers.Where(a => a.Value.Status == HttpStatusCode.Created)
            .ToDictionary(a => a.Key, a => JsonDocument.Parse(a.Value.Body).RootElement.GetProperty("seq").GetInt64());
        var refusals = string.Join("; ", answers.Where(a => a.Value.Status != HttpStatusCode.Created).Take(3)
            .Select(a => $"{a.Key}: {(int)a.Value.Status} {a.Value.Body}"));

        var page = await owner.GetJsonAsync($"api/chat/channels/{channel}/messages?after=0&limit=200");
        var stored = (page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items")).EnumerateArray()
            .Select(m => (Text: m.GetProperty("text").GetString()!, Seq: m.GetProperty("seq").GetInt64()))
            .Where(m => m.Text.StartsWith($"并发发言{run}-", StringComparison.Ordinal)).ToList();
        var seqs = stored.Select(m => m.Seq).Order().ToList();
        var consecutive = seqs.Count > 0 && seqs.SequenceEqual(Enumerable.Range(0, seqs.Count).Select(k => seqs[0] + k));
        var match = acknowledged.All(a => stored.Any(m => m.Text == a.Key && m.Seq == a.Value));
        return new PostOutcome(acknowledged.Count, refusals, stored.Count,
            seqs.Count == 0 ? "none" : $"{seqs[0]}..{seqs[^1]} ({seqs.Distinct().Count()} distinct)", consecutive, match);
    }
}
