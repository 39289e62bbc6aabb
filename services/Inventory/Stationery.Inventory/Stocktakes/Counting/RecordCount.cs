using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stocktakes.Opening;
using Stationery.Inventory.Stocktakes.Planning;

namespace Stationery.Inventory.Stocktakes.Counting;

/// <param name="CountId">The client's id of this count (an offline phone resends it; it counts once).</param>
/// <param name="Confirm">The counter confirms an unusually large count.</param>
/// <param name="AddToZone">The product is not in the zone: add it (when no other zone of the stocktake has it).</param>
public sealed record CountRequest(string? CountId, string? Sku, int? Quantity, bool? Confirm, bool? AddToZone);

/// <summary>One count, or a batch of them as an offline phone syncs (<paramref name="Counts"/>; then the other fields are ignored).</summary>
public sealed record CountsRequest(string? CountId, string? Sku, int? Quantity, bool? Confirm, bool? AddToZone,
    IReadOnlyList<CountRequest>? Counts);

/// <summary>What a count answered: whether it was recorded or was a resend, and the zone's progress (never the book figure).</summary>
public sealed record CountResult(string CountId, string Sku, string Outcome, int Quantity, int? Replaced, int? Counted);

public sealed record CountsResult(string StocktakeId, string ZoneId, IReadOnlyList<CountResult> Counts, int Skus, int SkusCounted);

/// <summary>
/// 清点: a counter's count of one product in their zone. Their line for the product is replaced by a recount; other counters'
/// lines are summed with it. The first count of a zone takes its snapshot.
/// </summary>
/// <param name="MayCountAnyZone">The counter manages stocktakes (counts in any zone).</param>
/// <param name="BookNow">The product's on-hand now: the expected figure this count is judged against.</param>
/// <param name="ZoneBooks">The on-hand now of the zone's products, for the snapshot when this count starts the zone.</param>
/// <param name="AddToZone">The product's plan when the counter asked to add it to the zone.</param>
public sealed record RecordCount(string Id, string ZoneId, string Sku, string CountId, string CounterId, string CounterName,
    bool MayCountAnyZone, int Quantity, bool Confirm, int BookNow, IReadOnlyDictionary<string, int>? ZoneBooks,
    StocktakeItemPlan? AddToZone, string? ChatMessageId = null, string? ReplyMessageId = null)
{
    public const string Permission = "stocktake.count";

    /// <summary>A count this large asks for confirmation when it is also over 100× the books (a scanned barcode typed as a quantity).</summary>
    public const int AbsurdFloor = 100;

    public static IReadOnlyList<object> Decide(Stocktake? s, RecordCount c, DateTimeOffset now)
    {
        var zone = ZoneRules.OpenZone(s, c.Id, c.ZoneId);
        if (s!.CountIds.Contains(c.CountId)) return [];
        if (!c.MayCountAnyZone && !zone.IsCounter(c.CounterId))
            throw new ForbiddenException($"{c.CounterName} 不是 {zone.Plan.Name} 的盘点人 ({c.CounterName} is not a counter of zone '{zone.Id}').");
        if (c.Quantity < 0)
            throw new DomainException("validation", "数量不能为负 (quantity must not be negative).", 400);
        var events = new List<object>();
        if (s.Items.TryGetValue(c.Sku, out var item))
        {
            if (item.Plan.ZoneId != zone.Id)
                throw new DomainException("sku-in-other-zone",
                    $"{item.Plan.Name} {item.Plan.Spec} 属于 {s.Zone(item.Plan.ZoneId)!.Plan.Name}，不在 {zone.Plan.Name} " +
                    $"(sku '{c.Sku}' belongs to zone '{item.Plan.ZoneId}', not '{zone.Id}').");
            if (zone.Finished && !item.RecountRequested)
                throw ZoneRules.Finished(zone);
        }
        else
        {
            if (c.AddToZone is null)
                throw new DomainException("sku-outside-zone",
                    $"商品 {c.Sku} 不在 {zone.Plan.Name} 的盘点范围内；要加入此区域，请带 addToZone: true 重新提交 " +
                    $"(sku '{c.Sku}' is outside zone '{zone.Id}'; send the count again with addToZone: true to add it to this zone).");
            if (zone.Finished) throw ZoneRules.Finished(zone);
            events.Add(new StocktakeItemAdded(s.Number, s.Branch, c.AddToZone with { ZoneId = zone.Id }, zone.Started ? c.BookNow : null,
                c.CounterName, now));
        }
        if (!c.Confirm && c.Quantity > AbsurdFloor && c.Quantity > 100L * c.BookNow)
            throw new DomainException("count-needs-confirmation",
                $"数量 {c.Quantity} 异常偏大，请核对后带 confirm: true 重新提交 (a count of {c.Quantity} is unusually large: check it and send " +
                "it again with confirm: true).", 422);
        if (!zone.Started)
            events.Add(ZoneRules.Start(s, zone, c.ZoneBooks ?? throw new InvalidOperationException("The zone's books are needed to start it."),
                c.CounterName, now));
        events.Add(new StocktakeCounted(s.Number, s.Branch, zone.Id, c.Sku, c.CountId, c.CounterId, c.CounterName, c.Quantity, c.BookNow,
            item?.Lines.TryGetValue(c.CounterId, out var mine) == true ? mine.Quantity : null, now, c.ChatMessageId, c.ReplyMessageId,
            zone.Plan.Name));
        return events;
    }
}

/// <summary>开始清点: a zone's counting begins with the snapshot of its products' books (also done by its first count).</summary>
public sealed record StartZone(string Id, string ZoneId, string UserId, string By, bool MayCountAnyZone, IReadOnlyDictionary<string, int> ZoneBooks)
{
    public static IReadOnlyList<object> Decide(Stocktake? s, StartZone c, DateTimeOffset now)
    {
        var zone = ZoneRules.OpenZone(s, c.Id, c.ZoneId);
        if (!c.MayCountAnyZone && !zone.IsCounter(c.UserId))
            throw new ForbiddenException($"{c.By} 不是 {zone.Plan.Name} 的盘点人 ({c.By} is not a counter of zone '{zone.Id}').");
        if (zone.Finished) throw ZoneRules.Finished(zone);
        return zone.Started ? [] : [ZoneRules.Start(s!, zone, c.ZoneBooks, c.By, now)];
    }
}

public static class ZoneRules
{
    /// <summary>The zone of an open stocktake, or the problem that says why not.</summary>
    public static StocktakeZoneState OpenZone(Stocktake? s, string id, string zoneId)
    {
        if (s is null) throw new NotFoundException("盘点单 stocktake", id);
        if (s.Status != StocktakeStatus.Open)
            throw new DomainException("stocktake-closed",
                $"盘点 {s.Number} 已{(s.Status == StocktakeStatus.Completed ? "完成" : "取消")} (stocktake '{s.Number}' is {StocktakeView.Wire(s.Status)}).");
        return s.Zone(zoneId) ?? throw new NotFoundException("盘点区域 zone", zoneId);
    }

    public static DomainException Finished(StocktakeZoneState zone) => new("zone-finished",
        $"{zone.Plan.Name} 已于 {zone.FinishedAt:yyyy-MM-dd HH:mm} 由 {zone.FinishedBy} 清点完毕，不再接受数量 " +
        $"(zone '{zone.Id}' was finished by {zone.FinishedBy}; it takes no more counts except recounts asked for by 数错).");

    public static StocktakeZoneStarted Start(Stocktake s, StocktakeZoneState zone, IReadOnlyDictionary<string, int> books, string by,
        DateTimeOffset now) =>
        new(s.Number, s.Branch, zone.Id, [.. s.ItemsOf(zone.Id).Select(i => new BookFigure(i.Plan.Sku, books.GetValueOrDefault(i.Plan.Sku)))],
            by, now);
}

public static class RecordCountEndpoints
{
    public const int MaxBatch = 500;

    public static void MapRecordCount(this RouteGroupBuilder branches)
    {
        branches.MapPost("/{branch}/stocktakes/{id}/zones/{zone}/start", async (string branch, string id, string zone, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var s = await session.StocktakeAsync(branch, id, ct);
            var books = await session.BooksNowAsync(branch, s.ItemsOf(zone).Select(i => i.Plan.Sku), ct);
            var command = new StartZone(id, zone, http.User.UserId(), http.User.DisplayName(), http.User.Allows(OpenStocktake.Permission), books);
            var now = clock.GetUtcNow();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), st => StartZone.Decide(st, command, now), ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(StocktakeView.From(await session.StocktakeAsync(branch, id, ct), http.User, null).Zones.Single(z => z.ZoneId == zone));
        }).RequirePermission(RecordCount.Permission).WithName("StartStocktakeZone")
            .WithSummary("开始清点: start counting a zone (takes the snapshot of its products' books; the first count does it too)");

        branches.MapPost("/{branch}/stocktakes/{id}/zones/{zone}/counts", async (string branch, string id, string zone, CountsRequest request,
            HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var counts = request.Counts ?? [new CountRequest(request.CountId, request.Sku, request.Quantity, request.Confirm, request.AddToZone)];
            var v = new Validation().Require(counts.Count is > 0 and <= MaxBatch, "counts", $"must hold 1 to {MaxBatch} counts");
            var prefix = request.Counts is null ? "" : "counts[{0}].";
            for (var i = 0; i < counts.Count; i++)
            {
                var p = string.Format(prefix, i);
                v.NotEmpty(counts[i].CountId, p + "countId", 100).NotEmpty(counts[i].Sku, p + "sku", 64)
                    .Require(counts[i].Quantity is not null, p + "quantity", "is required")
                    .Require(counts[i].Quantity is null or >= 0, p + "quantity", "must not be negative (数量不能为负)");
            }
            v.ThrowIfInvalid();

            var s = await session.StocktakeAsync(branch, id, ct);
            var zoneSkus = s.ItemsOf(zone).Select(i => i.Plan.Sku);
            var books = await session.BooksNowAsync(branch, zoneSkus.Concat(counts.Select(c => c.Sku!)), ct);
            var added = new Dictionary<string, StocktakeItemPlan>(StringComparer.Ordinal);
            foreach (var c in counts.Where(c => c.AddToZone == true && !s.Items.ContainsKey(c.Sku!)))
                added[c.Sku!] = await PlanAsync(session, c.Sku!, zone, ct);
            var user = http.User;
            var now = clock.GetUtcNow();
            var results = new List<CountResult>();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), st =>
            {
                var all = new List<object>();
                foreach (var c in counts)
                {
                    var command = new RecordCount(id, zone, c.Sku!, c.CountId!, user.UserId(), user.DisplayName(), user.Allows(OpenStocktake.Permission),
                        c.Quantity!.Value, c.Confirm ?? false, books.GetValueOrDefault(c.Sku!), books, added.GetValueOrDefault(c.Sku!));
                    var events = RecordCount.Decide(st, command, now);
                    st = events.Aggregate(st, StateEvolver<Stocktake>.Evolve);
                    all.AddRange(events);
                    var counted = events.OfType<StocktakeCounted>().SingleOrDefault();
                    results.Add(new CountResult(c.CountId!, c.Sku!, counted is null ? "duplicate" : "recorded", c.Quantity!.Value, counted?.Replaced,
                        st!.Items.GetValueOrDefault(c.Sku!)?.Counted));
                }
                return all;
            }, ct);
            await session.SaveChangesAsync(ct);
            var after = await session.StocktakeAsync(branch, id, ct);
            return TypedResults.Ok(new CountsResult(id, zone, results, after.ItemsOf(zone).Count(), after.ItemsOf(zone).Count(i => i.IsCounted)));
        }).RequirePermission(RecordCount.Permission).WithName("RecordStocktakeCounts")
            .WithSummary("清点: record a count {countId, sku, quantity, confirm?, addToZone?} or a batch {counts:[…]}; a resent countId counts once");
    }

    /// <summary>The plan of a product a counter adds to a zone, with its category's threshold.</summary>
    public static async Task<StocktakeItemPlan> PlanAsync(IQuerySession session, string sku, string zone, CancellationToken ct)
    {
        var p = await session.LoadAsync<Product>(Product.StreamId(sku), ct)
            ?? throw new DomainException("validation", $"未知商品 {sku} (unknown sku '{sku}': register it in the catalogue first).", 400);
        var settings = (await session.SettingsAsync([p.Category], ct))[p.Category];
        return new StocktakeItemPlan(p.Sku, p.Name, p.Spec, p.Unit, p.Category, p.RetailPrice, zone, settings.ThresholdUnits, settings.ThresholdValue);
    }
}
