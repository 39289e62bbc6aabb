using System.Security.Claims;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock.Levels;
using Stationery.Inventory.Stocktakes.Opening;
using Stationery.Inventory.Stocktakes.Planning;

namespace Stationery.Inventory.Stocktakes;

public sealed record CounterView(string UserId, string Name);

/// <param name="Mine">The caller is one of its counters.</param>
public sealed record ZoneView(string ZoneId, string Name, string Covers, string? Category, IReadOnlyList<CounterView> Counters,
    string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? FinishedBy, int Skus, int SkusCounted, bool Mine);

public sealed record CountLineView(string UserId, string Name, int Quantity, string CountId, DateTimeOffset At);

public sealed record ExplanationView(string Reason, string? Note, string By, DateTimeOffset At);

/// <summary>
/// One product of the stocktake. <paramref name="Snapshot"/>, <paramref name="Expected"/> and <paramref name="Variance"/> are null
/// for a blind stocktake's counters (callers without <c>stocktake.manage</c>); <paramref name="Counted"/> is summed over counters.
/// </summary>
public sealed record StocktakeLineView(string Sku, string Name, string Spec, string Unit, string Category, decimal RetailPrice,
    string ZoneId, int? Snapshot, int? Expected, int? Counted, int? MyCount, int? Variance, decimal? VarianceValue, bool NeedsRecount,
    bool RecountRequested, ExplanationView? Explanation, IReadOnlyList<CountLineView> Counts);

/// <summary>Accuracy figures: units and retail value (零售价; not cost data).</summary>
public sealed record FiguresView(int SkusCounted, int ExpectedUnits, int VarianceUnits, decimal AccuracyUnits, decimal ExpectedValue,
    decimal VarianceValue, decimal AccuracyValue)
{
    public static FiguresView From(StocktakeFigures f) => new(f.SkusCounted, f.ExpectedUnits, f.VarianceUnits, f.AccuracyUnits,
        f.ExpectedValue, f.VarianceValue, f.AccuracyValue);
}

/// <summary>
/// A stocktake as the app shows it. <paramref name="Figures"/>: final for a completed one; for an open one, over its finished
/// zones so far (null for a blind stocktake's counters). <paramref name="Variances"/>: the lines of finished zones whose count
/// differs (empty for a blind stocktake's counters). <paramref name="Unexplained"/>: the skus that still block completion.
/// </summary>
public sealed record StocktakeView(string Id, string Branch, string Kind, bool Blind, string Status, string OpenedBy, DateTimeOffset OpenedAt,
    string? ClosedBy, DateTimeOffset? ClosedAt, FiguresView? Figures, int Adjustments, IReadOnlyList<ZoneView> Zones,
    IReadOnlyList<string> MyZones, IReadOnlyList<StocktakeLineView> Lines, IReadOnlyList<StocktakeLineView> Variances,
    IReadOnlyList<string> Unexplained)
{
    public static string Wire(StocktakeStatus s) => s switch
    {
        StocktakeStatus.Open => "open",
        StocktakeStatus.Completed => "completed",
        _ => "cancelled",
    };

    /// <summary>Whether the caller may see book figures: not in a blind stocktake unless they manage stocktakes.</summary>
    public static bool SeesBooks(Stocktake s, ClaimsPrincipal user) => !s.Blind || user.Allows(OpenStocktake.Permission);

    public static StocktakeView From(Stocktake s, ClaimsPrincipal user, IReadOnlyDictionary<string, int>? booksNow)
    {
        var me = user.UserId();
        var books = SeesBooks(s, user);
        int? Now(string sku) => booksNow is not null && booksNow.TryGetValue(sku, out var b) ? b : null;
        var finished = s.Zones.Where(z => z.Finished).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var lines = s.Items.Values.OrderBy(i => i.Plan.ZoneId, StringComparer.Ordinal).ThenBy(i => i.Plan.Sku, StringComparer.Ordinal)
            .Select(i =>
            {
                var line = i.Line(Now(i.Plan.Sku));
                var judged = finished.Contains(i.Plan.ZoneId) || s.Status != StocktakeStatus.Open;
                return new StocktakeLineView(i.Plan.Sku, i.Plan.Name, i.Plan.Spec, i.Plan.Unit, i.Plan.Category, i.Plan.RetailPrice, i.Plan.ZoneId,
                    books ? i.Snapshot : null, books ? line.Expected : null, i.Counted, i.Lines.TryGetValue(me, out var mine) ? mine.Quantity : null,
                    books && judged ? line.Variance : null, books && judged ? line.Variance * i.Plan.RetailPrice : null,
                    books && judged && line.NeedsRecount, i.RecountRequested,
                    i.Explanation is { } e ? new ExplanationView(e.Reason, e.Note, e.By, e.At) : null,
                    [.. i.Lines.OrderBy(l => l.Value.At).Select(l => new CountLineView(l.Key, l.Value.CounterName, l.Value.Quantity, l.Value.CountId, l.Value.At))]);
            }).ToList();
        var figures = s.Figures ?? StocktakeFigures.Of(s.Items.Values.Where(i => finished.Contains(i.Plan.ZoneId)), booksNow);
        return new StocktakeView(s.Number, s.Branch, s.Kind, s.Blind, Wire(s.Status), s.OpenedBy, s.OpenedAt, s.ClosedBy, s.ClosedAt,
            books ? FiguresView.From(figures) : null, s.Adjustments,
            [.. s.Zones.Select(z => new ZoneView(z.Id, z.Plan.Name, z.Plan.Covers, z.Plan.Category,
                [.. z.Plan.Counters.Select(c => new CounterView(c.UserId, c.Name))],
                z.Finished ? "finished" : z.Started ? "counting" : "not-started", z.StartedAt, z.FinishedAt, z.FinishedBy,
                s.ItemsOf(z.Id).Count(), s.ItemsOf(z.Id).Count(i => i.IsCounted), z.IsCounter(me)))],
            [.. s.Zones.Where(z => z.IsCounter(me)).Select(z => z.Id)],
            lines,
            books ? [.. lines.Where(l => l.Variance is not null and not 0)] : [],
            s.Status == StocktakeStatus.Open && books ? CompleteRules.Unexplained(s, booksNow) : []);
    }
}

/// <summary>A stocktake in the list: open ones and the history, with their accuracy.</summary>
public sealed record StocktakeSummary(string Id, string Kind, bool Blind, string Status, string OpenedBy, DateTimeOffset OpenedAt,
    string? ClosedBy, DateTimeOffset? ClosedAt, int Zones, int ZonesFinished, int Skus, int SkusCounted, FiguresView? Figures, int Adjustments);

public static class StocktakeReads
{
    /// <summary>The stocktake of the branch, or 404 (another branch's or another chain's looks like a missing one).</summary>
    public static async Task<Stocktake> StocktakeAsync(this IQuerySession session, string branch, string id, CancellationToken ct)
    {
        var (state, _) = await session.Load<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), ct);
        return state is not null && state.Branch == branch ? state : throw new NotFoundException("盘点单 stocktake", id);
    }

    /// <summary>The on-hand now of the given products at the branch (0 for a product the branch never held).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> BooksNowAsync(this IQuerySession session, string branch,
        IEnumerable<string> skus, CancellationToken ct)
    {
        var list = skus.Distinct(StringComparer.Ordinal).ToList();
        var books = list.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var chunk in list.Chunk(1000))
        {
            var ids = chunk.Select(s => Stock.StockItem.StreamId(branch, s)).ToArray();
            foreach (var level in await session.LoadManyAsync<StockLevel>(ct, ids)) books[level.Sku] = level.OnHand;
        }
        return books;
    }

    public static void MapReadStocktakes(this RouteGroupBuilder branches)
    {
        branches.MapGet("/{branch}/stocktakes", async (string branch, string? status, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            new Validation().Require(status is null or "open" or "completed" or "cancelled", "status", "must be open, completed or cancelled")
                .ThrowIfInvalid();
            var all = await session.Query<StocktakeSnapshot>().Where(s => s.State.Branch == branch)
                .OrderByDescending(s => s.State.OpenedAt).Take(200).ToListAsync(ct);
            return TypedResults.Ok(all.Select(x => x.State).Where(s => status is null || StocktakeView.Wire(s.Status) == status).Select(s =>
            {
                var finished = s.Zones.Where(z => z.Finished).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
                var figures = s.Figures ?? StocktakeFigures.Of(s.Items.Values.Where(i => finished.Contains(i.Plan.ZoneId)), null);
                return new StocktakeSummary(s.Number, s.Kind, s.Blind, StocktakeView.Wire(s.Status), s.OpenedBy, s.OpenedAt, s.ClosedBy, s.ClosedAt,
                    s.Zones.Count, finished.Count, s.Items.Count, s.Items.Values.Count(i => i.IsCounted),
                    StocktakeView.SeesBooks(s, http.User) ? FiguresView.From(figures) : null, s.Adjustments);
            }).ToList());
        }).RequirePermission("stocktake.count").WithName("ListStocktakes")
            .WithSummary("A branch's stocktakes, open and past, newest first, with their accuracy; ?status=open|completed|cancelled");

        branches.MapGet("/{branch}/stocktakes/proposal", async (string branch, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        {
            var b = await session.BranchAsync(branch, ct);
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(b.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            var perCategory = (await session.Query<Product>().Where(p => !p.Discontinued).Select(p => p.Category).ToListAsync(ct))
                .GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var atBranch = await session.Query<StocktakeSnapshot>().Where(s => s.State.Branch == branch).ToListAsync(ct);
            var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var s in atBranch.Select(d => d.State).Where(s => s.Status == StocktakeStatus.Completed))
                foreach (var category in s.Items.Values.Select(i => i.Plan.Category).Distinct())
                    if (!last.TryGetValue(category, out var at) || at < s.ClosedAt) last[category] = s.ClosedAt!.Value;
            var settings = await session.SettingsAsync(perCategory.Keys, ct);
            return TypedResults.Ok(new StocktakeProposal(branch, today,
                CycleProposal.Propose(perCategory, last, c => settings[c].CountEveryDays, today)));
        }).RequirePermission("stocktake.manage").WithName("ProposeCycleStocktake")
            .WithSummary("周期盘点: the categories due today by their counting frequency and the last completed stocktake of each");

        branches.MapGet("/{branch}/stocktakes/{id}", async (string branch, string id, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var s = await session.StocktakeAsync(branch, id, ct);
            var books = s.Status == StocktakeStatus.Open ? await session.BooksNowAsync(branch, s.Items.Keys, ct) : null;
            return TypedResults.Ok(StocktakeView.From(s, http.User, books));
        }).RequirePermission("stocktake.count").WithName("GetStocktake")
            .WithSummary("A stocktake: zones with progress, the caller's zones, lines, variances, explanations (blind: no book figures for counters)");
    }
}
