using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stocktakes.Counting;
using Stationery.Inventory.Stocktakes.Opening;

namespace Stationery.Inventory.Stocktakes.Finishing;

/// <summary>
/// 清点完毕: a zone's counters (or a manager) finish it. Its variances are judged now: each product's expected figure is the books
/// at its latest count (the books now for a product nobody counted, which counts as none found).
/// </summary>
public sealed record FinishZone(string Id, string ZoneId, string UserId, string By, bool MayFinishAnyZone, IReadOnlyDictionary<string, int> BooksNow)
{
    public static IReadOnlyList<object> Decide(Stocktake? s, FinishZone c, DateTimeOffset now)
    {
        var zone = ZoneRules.OpenZone(s, c.Id, c.ZoneId);
        if (!c.MayFinishAnyZone && !zone.IsCounter(c.UserId))
            throw new ForbiddenException($"{c.By} 不是 {zone.Plan.Name} 的盘点人 ({c.By} is not a counter of zone '{zone.Id}').");
        if (zone.Finished) throw ZoneRules.Finished(zone);
        var events = new List<object>();
        if (!zone.Started) events.Add(ZoneRules.Start(s!, zone, c.BooksNow, c.By, now));
        var started = events.Aggregate(s!, (st, e) => StateEvolver<Stocktake>.Evolve(st, e)!);
        var items = started.ItemsOf(zone.Id).OrderBy(i => i.Plan.Sku, StringComparer.Ordinal).ToList();
        var figures = StocktakeFigures.Of(items, c.BooksNow);
        var variances = items.Select(i => i.Line(c.BooksNow.TryGetValue(i.Plan.Sku, out var b) ? b : null)).Where(l => l.Variance != 0).ToList();
        events.Add(new StocktakeZoneFinished(s!.Number, s.Branch, zone.Id, zone.Plan.Name, figures.SkusCounted, variances, figures.AccuracyUnits,
            c.By, now));
        return events;
    }
}

public static class FinishZoneEndpoint
{
    public static void MapFinishZone(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/stocktakes/{id}/zones/{zone}/finish", async (string branch, string id, string zone, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var s = await session.StocktakeAsync(branch, id, ct);
            var books = await session.BooksNowAsync(branch, s.ItemsOf(zone).Select(i => i.Plan.Sku), ct);
            var command = new FinishZone(id, zone, http.User.UserId(), http.User.DisplayName(), http.User.Allows(OpenStocktake.Permission), books);
            var now = clock.GetUtcNow();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), st => FinishZone.Decide(st, command, now), ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(StocktakeView.From(await session.StocktakeAsync(branch, id, ct), http.User, books));
        }).RequirePermission(RecordCount.Permission).WithName("FinishStocktakeZone")
            .WithSummary("清点完毕: finish a zone (its counters or a manager); its variances are judged and announced");
}
