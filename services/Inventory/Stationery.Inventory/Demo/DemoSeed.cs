using Marten;
using Stationery.Inventory.Catalogue;

namespace Stationery.Inventory.Demo;

/// <summary>
/// With <c>Seed:Demo=true</c> (as <c>./stationery up</c> starts the services) the demo chain gets its catalogue and 120
/// days of history once (<c>Seed:HistoryDays</c>, 28 to 730, changes the depth): nothing is written when the chain already
/// has products. The events go out through the outbox like any others, so Reporting and Purchasing learn the same history.
/// </summary>
public sealed class DemoSeed(IDocumentStore store, TimeProvider clock, IConfiguration config, IHostApplicationLifetime lifetime,
    ILogger<DemoSeed> log) : BackgroundService
{
    public const string Tenant = "demo";

    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when seeding is over (at once without <c>Seed:Demo</c>), so the daily pass sees the history.</summary>
    public Task Completion => done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!config.GetValue<bool>("Seed:Demo")) return;
            var started = new TaskCompletionSource();
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            await SeedAsync(Tenant, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Seeding the demo inventory failed");
        }
        finally
        {
            done.TrySetResult();
        }
    }

    /// <summary>Seeds <paramref name="tenant"/> unless it has products; returns whether it wrote anything.</summary>
    public async Task<bool> SeedAsync(string tenant, CancellationToken ct)
    {
        await using (var query = store.QuerySession(tenant))
            if (await query.Query<Product>().AnyAsync(ct))
            {
                log.LogInformation("Demo inventory of {Tenant} already present; not seeding", tenant);
                return false;
            }

        var data = DemoHistory.Build(clock.GetUtcNow(), days: config.GetValue("Seed:HistoryDays", DemoHistory.Days));
        await using (var session = store.LightweightSession(tenant))
        {
            foreach (var product in data.Products)
                session.Events.StartStream<Product>(Product.StreamId(product.Sku), product);
            await session.SaveChangesAsync(ct);
        }
        foreach (var chunk in data.Streams.Chunk(25))
        {
            await using var session = store.LightweightSession(tenant);
            foreach (var stream in chunk)
            {
                var id = Stock.StockItem.StreamId(stream.Branch, stream.Sku);
                session.Events.StartStream(id, stream.Events.ToArray());
                // The state the history leaves, so the first sale does not fold it (see StockSnapshot).
                session.Store(Stock.StockSnapshot.Of(id, stream.Events.Count, Stock.StockStream.Replay(null, stream.Events)!));
            }
            await session.SaveChangesAsync(ct);
        }
        log.LogInformation("Seeded the demo inventory of {Tenant}: {Products} products, {Events} stock events", tenant,
            data.Products.Count, data.Streams.Sum(s => s.Events.Count));
        return true;
    }
}
