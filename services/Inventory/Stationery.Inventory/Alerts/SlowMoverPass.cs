using JasperFx;
using Marten;
using Marten.Exceptions;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Scheduling;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Demo;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;
using Stationery.Inventory.Stock.Reordering;

namespace Stationery.Inventory.Alerts;

/// <summary>The mark that a branch's daily pass ran for a day; written in the same transaction as what it found.</summary>
public sealed record DailyPassDone(string Id, string Branch, DateOnly Day, int SlowMovers, DateTimeOffset At, int PoliciesComputed = 0);

/// <summary>
/// 每日巡检: once per branch per day — in the branch's own time zone, from <see cref="RunHour"/> o'clock — looks for slow
/// movers and recomputes the reorder policy of products without an explicit reorder point (<see cref="ComputeReorderPolicy"/>). Every replica runs the timer; the day's mark is inserted with the findings, so when two replicas race only one
/// commit succeeds and the other finds the mark next time. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SlowMoverPass(IDocumentStore store, TimeProvider clock, IConfiguration config, IHostApplicationLifetime lifetime,
    DemoSeed demo, ILogger<SlowMoverPass> log) : PeriodicPass(lifetime, clock, log)
{
    public const int RunHour = 6;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override string Name => "daily slow-mover pass";

    protected override bool Enabled => config.GetValue("Inventory:DailyPass", true);

    protected override Task BeforeFirstTickAsync(CancellationToken ct) => demo.Completion.WaitAsync(ct);

    /// <summary>Runs every branch of every chain whose day has started and not been passed yet; returns what it found.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<Branch> branches;
        await using (var query = store.QuerySession())
            branches = await query.Query<Branch>().Where(b => b.AnyTenant()).ToListAsync(ct);
        var now = Clock.GetUtcNow();
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

        // Coarse filters on the read model; the deciders decide on the stream.
        var levels = await session.Query<StockLevel>().Where(l => l.Branch == branch).ToListAsync(ct);
        var categories = (await session.Query<CategoryPolicy>().ToListAsync(ct)).ToDictionary(p => p.Category);
        var found = 0;
        var computed = 0;
        foreach (var level in levels)
        {
            // A stream opens no later than its first receipt.
            var slowCandidate = level.OnHand > 0 && !level.SlowMover &&
                (now - (level.LastSoldAt ?? level.OpenedAt)).TotalDays + 1 >= SlowMoverRule.Threshold(level.Policy, level.Category);
            var settings = CategoryDefaults.Resolve(level.Category, level.Policy, categories.GetValueOrDefault(level.Category));
            var computeCandidate = level.Policy.ReorderPoint is null && !level.Discontinued &&
                (level.Computed is not null || level.LastSoldAt >= now.AddDays(-settings.LookBackDays - 1));
            if (!slowCandidate && !computeCandidate) continue;

            ComputedPolicy? policy = null;
            if (computeCandidate)
            {
                var history = await session.Events.FetchStreamAsync(level.Id, token: ct);
                policy = ReorderCalculation.ForDay(history.Select(e => e.Data), zone, settings, day);
            }
            var events = await session.Decide<StockItem, StockSnapshot>(level.Id, s =>
            {
                IReadOnlyList<object> slow = slowCandidate ? SlowMoverRule.Evaluate(s, day, zone, now) : [];
                return computeCandidate ? [.. slow, .. ComputeReorderPolicy.Decide(StockStream.Replay(s, slow), new(policy), now)] : slow;
            }, ct);
            found += events.OfType<SlowMoverDetected>().Count();
            computed += events.OfType<ReorderPolicyComputed>().Count();
        }
        session.Insert(new DailyPassDone(id, branch, day, found, now, computed));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException)
        {
            // Another replica passed this branch today, or a sale raced the pass (the next tick runs it again).
            Log.LogDebug("Daily pass of {Tenant}/{Branch} for {Day} not written: {Reason}", tenant, branch, day, e.GetType().Name);
            return 0;
        }
        if (found + computed > 0)
            Log.LogInformation("Daily pass of {Tenant}/{Branch} for {Day}: {Found} slow movers, {Computed} computed policies changed", tenant,
                branch, day, found, computed);
        return found;
    }

    /// <summary>The branch's IANA zone; China time when it is unknown on this machine.</summary>
    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");
}
