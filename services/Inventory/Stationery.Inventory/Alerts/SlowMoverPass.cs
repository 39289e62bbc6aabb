using JasperFx;
using Marten;
using Marten.Exceptions;
using Stationery.Hosting.EventSourcing;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Demo;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Alerts;

/// <summary>The mark that a branch's daily pass ran for a day; written in the same transaction as what it found.</summary>
public sealed record DailyPassDone(string Id, string Branch, DateOnly Day, int SlowMovers, DateTimeOffset At);

/// <summary>
/// 每日巡检: once per branch per day — in the branch's own time zone, from <see cref="RunHour"/> o'clock — looks for slow
/// movers. Every replica runs the timer; the day's mark is inserted with the findings, so when two replicas race only one
/// commit succeeds and the other finds the mark next time. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SlowMoverPass(IDocumentStore store, TimeProvider clock, IConfiguration config, IHostApplicationLifetime lifetime,
    DemoSeed demo, ILogger<SlowMoverPass> log) : BackgroundService
{
    public const int RunHour = 6;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Inventory:DailyPass", true)) return;
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await demo.Completion.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The daily slow-mover pass failed; it runs again in {Interval}", Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs every branch of every chain whose day has started and not been passed yet; returns what it found.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<Branch> branches;
        await using (var query = store.QuerySession())
            branches = await query.Query<Branch>().Where(b => b.AnyTenant()).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var found = 0;
        foreach (var branch in branches)
        {
            var zone = Zone(branch.TimeZone);
            var local = TimeZoneInfo.ConvertTime(now, zone);
            if (local.Hour < RunHour || branch.TenantId is null) continue;
            found += await RunBranchAsync(branch.TenantId, branch.Id, DateOnly.FromDateTime(local.DateTime), zone, now, ct);
        }
        return found;
    }

    private async Task<int> RunBranchAsync(string tenant, string branch, DateOnly day, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var id = $"{branch}:{day:yyyy-MM-dd}";
        if (await session.LoadAsync<DailyPassDone>(id, ct) is not null) return 0;

        // A coarse filter in the database, the decider decides: a stream opens no later than its first receipt.
        var levels = await session.Query<StockLevel>().Where(l => l.Branch == branch && l.OnHand > 0 && !l.SlowMover).ToListAsync(ct);
        var candidates = levels.Where(l =>
            (now - (l.LastSoldAt ?? l.OpenedAt)).TotalDays + 1 >= SlowMoverRule.Threshold(l.Policy, l.Category));
        var found = 0;
        foreach (var level in candidates)
        {
            var events = await session.Decide<StockItem>(level.Id, s => SlowMoverRule.Evaluate(s, day, zone, now), ct);
            found += events.Count;
        }
        session.Insert(new DailyPassDone(id, branch, day, found, now));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException)
        {
            // Another replica passed this branch today, or a sale raced the pass (the next tick runs it again).
            log.LogDebug("Daily pass of {Tenant}/{Branch} for {Day} not written: {Reason}", tenant, branch, day, e.GetType().Name);
            return 0;
        }
        if (found > 0) log.LogInformation("Daily pass of {Tenant}/{Branch} for {Day}: {Found} slow movers", tenant, branch, day, found);
        return found;
    }

    /// <summary>The branch's IANA zone; China time when it is unknown on this machine.</summary>
    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");
}
