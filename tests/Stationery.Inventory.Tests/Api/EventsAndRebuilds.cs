using System.Collections.Concurrent;
using System.Text.Json;
using Marten;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Messaging;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

public sealed class EventsAndRebuilds(InventoryHost host) : IClassFixture<InventoryHost>
{
    [Fact]
    public async Task A_redelivered_BranchOpened_has_no_second_effect()
    {
        var bus = host.Service.Service<IBus>();
        var consumed = new ConsumedMessages();
        using var _ = bus.ConnectConsumeObserver(consumed);
        var messageId = NewId.NextGuid();

        await bus.Publish(new BranchOpened("demo", "north", "北区店", "Asia/Shanghai", DateTimeOffset.UtcNow), c => c.MessageId = messageId);
        await Probe.Until(() => Task.FromResult(consumed.Count(messageId) == 1), what: "the first delivery");
        // The same MessageId again (a broker redelivery), carrying a different name to make a second effect visible.
        await bus.Publish(new BranchOpened("demo", "north", "改名", "Asia/Shanghai", DateTimeOffset.UtcNow), c => c.MessageId = messageId);
        await Probe.Until(() => Task.FromResult(consumed.Count(messageId) == 2), what: "the redelivery");

        await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
        (await session.LoadAsync<Branch>("north"))!.Name.ShouldBe("北区店");
        (await session.Query<ProcessedMessage>().CountAsync(m => m.MessageId == messageId)).ShouldBe(1);
    }

    [Fact]
    public async Task Two_sales_racing_for_the_last_unit_sell_it_once_and_the_loser_gets_409()
    {
        var sku = await host.Owner().RegisterAsync($"RACE-{Guid.NewGuid():N}"[..16]);
        await (await host.Owner().ReceiveAsync("main", "R-1", (sku, 1))).ShouldBe(200);

        var responses = await Task.WhenAll(
            host.Clerk().SellAsync("main", "POS-A", (sku, 1)),
            host.Clerk().SellAsync("main", "POS-B", (sku, 1)));

        responses.Select(r => (int)r.StatusCode).Order().ShouldBe([200, 409]);
        var history = await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{sku}");
        history.GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(0);
        history.GetProperty("ledger").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "sold").ShouldBe(1);
    }

    [Fact]
    public async Task A_stock_change_reads_the_streams_snapshot_and_folds_in_events_appended_without_it()
    {
        var sku = await host.Owner().RegisterAsync($"SNAP-{Guid.NewGuid():N}"[..16]);
        await (await host.Owner().ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);
        await (await host.Clerk().SellAsync("main", "S-1", (sku, 3))).ShouldBe(200);
        var store = host.Service.Service<IDocumentStore>();
        var streamId = StockItem.StreamId("main", sku);
        await using (var query = store.QuerySession("demo"))
        {
            var snapshot = (await query.LoadAsync<StockSnapshot>(streamId)).ShouldNotBeNull();
            (snapshot.Version, snapshot.State.OnHand).ShouldBe(((await query.Events.FetchStreamStateAsync(streamId))!.Version, 7));
        }

        // A writer that appends without the snapshot (a seed, a repair) leaves it behind; the next change still sees the event.
        await using (var session = store.LightweightSession("demo"))
        {
            session.Events.Append(streamId, new Stationery.Inventory.Stock.StockReceived("main", sku, 5, 12, "R-RAW", "owner", "test", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        await (await host.Clerk().SellAsync("main", "S-2", (sku, 12))).ShouldBe(200);
        await (await host.Clerk().SellAsync("main", "S-3", (sku, 1))).ShouldBe(409);
        await using (var query = store.QuerySession("demo"))
        {
            var snapshot = (await query.LoadAsync<StockSnapshot>(streamId))!;
            (snapshot.Version, snapshot.State.OnHand).ShouldBe(((await query.Events.FetchStreamStateAsync(streamId))!.Version, 0));
        }
    }

    [Fact]
    public async Task Rebuilding_the_stock_levels_from_the_events_gives_the_live_state()
    {
        var owner = host.Owner();
        var pen = await owner.RegisterAsync($"RB-P-{Guid.NewGuid():N}"[..16], name: "得力中性笔");
        var book = await owner.RegisterAsync($"RB-B-{Guid.NewGuid():N}"[..16], name: "晨光笔记本");
        await (await owner.PolicyAsync("main", pen, 4, 20)).ShouldBe(200);
        await (await owner.ReceiveAsync("main", "R-1", (pen, 10), (book, 5))).ShouldBe(200);
        await (await owner.SellAsync("main", "S-1", (pen, 7), (book, 1))).ShouldBe(200);
        await (await owner.PostAsJsonAsync("api/inventory/branches/main/adjustments", new { sku = book, delta = -1, reason = "loss" })).ShouldBe(200);
        await host.Owner("rival").RegisterAsync(pen);
        await (await host.Owner("rival").ReceiveAsync("main", "R-1", (pen, 3))).ShouldBe(200);

        var store = host.Service.Service<IDocumentStore>();
        var live = await LevelsAsync(store);
        // Damage the read model, so only a real replay of the events can bring it back.
        await using (var session = store.LightweightSession("demo"))
        {
            var level = await session.LoadAsync<StockLevel>($"stock:main:{pen}");
            session.Store(level! with { OnHand = 999, AlertOpen = false });
            await session.SaveChangesAsync();
        }
        (await LevelsAsync(store)).ShouldNotBe(live);

        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<StockLevel>(TimeSpan.FromMinutes(1), CancellationToken.None);

        var rebuilt = await LevelsAsync(store);
        rebuilt.ShouldBe(live);
        live.Keys.ShouldContain($"rival/stock:main:{pen}");
    }

    private static async Task<SortedDictionary<string, string>> LevelsAsync(IDocumentStore store)
    {
        var levels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tenant in new[] { "demo", "rival" })
        {
            await using var session = store.QuerySession(tenant);
            foreach (var level in await session.Query<StockLevel>().ToListAsync())
                levels[$"{tenant}/{level.Id}"] = JsonSerializer.Serialize(level);
        }
        return levels;
    }

    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> counts = new();

        public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
