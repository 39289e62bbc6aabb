using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stationery.Inventory.Alerts;
using Stationery.Testing;
using Domain = Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Api;

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>Inventory whose clock the test controls; the timer-driven pass is off, the test runs it (as two replicas would).</summary>
public sealed class ClockedHost : InventoryHost
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8)));

    protected override ServiceFactory<InventoryService> CreateService(IsolatedServers servers) =>
        new Factory(servers, Clock);

    private sealed class Factory(IsolatedServers servers, TestClock clock)
        : ServiceFactory<InventoryService>(servers, new Dictionary<string, string?> { ["Inventory:DailyPass"] = "false" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}

public sealed class DailyPass(ClockedHost host) : IClassFixture<ClockedHost>
{
    [Fact]
    public async Task The_daily_pass_finds_slow_movers_once_per_branch_day_on_the_branchs_clock_and_a_sale_clears_them()
    {
        var owner = host.Owner();
        var sold = await owner.RegisterAsync($"SM-A-{Guid.NewGuid():N}"[..16], name: "晨光笔记本", spec: "A5 40页", category: "本册");
        var neverSold = await owner.RegisterAsync($"SM-B-{Guid.NewGuid():N}"[..16], name: "马利水粉颜料", spec: "12色", category: "颜料");
        await (await owner.ReceiveAsync("main", "R-1", (sold, 10), (neverSold, 4))).ShouldBe(200);
        await (await SellNowAsync(sold, 2)).ShouldBe(200);
        await (await owner.PolicyAsync("main", neverSold, reorderPoint: null)).ShouldBe(200);
        var pass = host.Service.Service<SlowMoverPass>();

        // 1 November, 05:30 in Shanghai (still 31 October 21:30 UTC): the branch's day has not started its pass yet.
        host.Clock.Now = new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.FromHours(8));
        await pass.RunOnceAsync(CancellationToken.None);
        (await Slow()).ShouldBeEmpty();

        // 06:30: two replicas run the pass at the same moment; the book (60 days, 本册) is slow, the paint (颜料: 90) not yet.
        host.Clock.Now = new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.FromHours(8));
        await Task.WhenAll(pass.RunOnceAsync(CancellationToken.None), pass.RunOnceAsync(CancellationToken.None));
        (await Slow()).Select(a => a.GetProperty("sku").GetString()).ShouldBe([sold]);
        (await DetectionsAsync(sold)).ShouldBe(1);
        var alert = (await Slow()).Single();
        alert.GetProperty("daysWithoutSale").GetInt32().ShouldBe(61);
        alert.GetProperty("ageingBracket").GetString().ShouldBe("61-90");
        alert.GetProperty("sellThrough").GetDecimal().ShouldBe(0.2m);
        (await owner.JsonAsync("api/inventory/branches/main/stock?status=slow")).EnumerateArray()
            .Single().GetProperty("sku").GetString().ShouldBe(sold);

        // The same day again finds nothing new; a month later the paint has passed its 90 days too.
        await pass.RunOnceAsync(CancellationToken.None);
        (await DetectionsAsync(sold)).ShouldBe(1);
        host.Clock.Now = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(8));
        await pass.RunOnceAsync(CancellationToken.None);
        (await Slow()).Select(a => a.GetProperty("sku").GetString()).ShouldBe([sold, neverSold], ignoreOrder: true);
        (await DetectionsAsync(sold)).ShouldBe(1);

        await (await SellNowAsync(sold, 1)).ShouldBe(200);
        (await Slow()).Select(a => a.GetProperty("sku").GetString()).ShouldBe([neverSold]);
    }

    private Task<HttpResponseMessage> SellNowAsync(string sku, int quantity) =>
        host.Clerk().PostAsJsonAsync("api/inventory/branches/main/sales",
            new { reference = "POS-1", soldAt = host.Clock.Now, lines = new[] { new { sku, quantity, unitPrice = 3.5m } } });

    private async Task<List<JsonElement>> Slow() =>
        (await host.Owner().JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "slow-mover").ToList();

    private async Task<int> DetectionsAsync(string sku)
    {
        await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
        var events = await session.Events.FetchStreamAsync(Domain.StockItem.StreamId("main", sku));
        return events.Count(e => e.Data is Domain.SlowMoverDetected);
    }
}
