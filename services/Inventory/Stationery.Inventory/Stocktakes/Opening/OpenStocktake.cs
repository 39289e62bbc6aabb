using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;
using Stationery.Inventory.Stocktakes.Planning;

namespace Stationery.Inventory.Stocktakes.Opening;

public sealed record OpenStocktakeRequest(string? Kind, bool? Blind, IReadOnlyList<ZoneRequest>? Zones,
    IReadOnlyList<ThresholdRequest>? Thresholds);

/// <summary>A zone: a catalogue <paramref name="Category"/> or an explicit list of <paramref name="Skus"/>, and its counters.</summary>
public sealed record ZoneRequest(string? Name, string? Category, IReadOnlyList<string>? Skus, IReadOnlyList<CounterRequest>? Counters);

public sealed record CounterRequest(string? UserId, string? Name);

/// <summary>This stocktake's variance threshold for a category, instead of the category's settings.</summary>
public sealed record ThresholdRequest(string? Category, int? Units, decimal? Value);

/// <summary>An open stocktake at the branch and the products it covers (for the overlap rule).</summary>
public sealed record OpenStocktakeCover(string Number, IReadOnlySet<string> Skus);

/// <summary>开始盘点: a stocktake of a branch, its zones and their counters, full or cycle, blind or not.</summary>
public sealed record OpenStocktake(string Id, string Branch, string Kind, bool Blind, IReadOnlyList<StocktakeZonePlan> Zones,
    IReadOnlyList<StocktakeItemPlan> Items, string By)
{
    public const string Permission = "stocktake.manage";

    /// <summary>
    /// Opens it unless another open stocktake of the branch covers any of the same products (their counts and adjustments would
    /// cross): 409 naming it and a few of the products.
    /// </summary>
    public static IReadOnlyList<object> Decide(Stocktake? existing, IReadOnlyList<OpenStocktakeCover> openAtBranch, OpenStocktake c,
        DateTimeOffset now)
    {
        if (existing is not null) throw new DomainException("stocktake-exists", $"盘点单 {c.Id} 已存在 (stocktake '{c.Id}' exists).");
        if (c.Items.Count == 0)
            throw new DomainException("stocktake-empty", "盘点范围内没有商品 (the zones cover no products).", 400);
        var skus = c.Items.Select(i => i.Sku).ToHashSet(StringComparer.Ordinal);
        foreach (var other in openAtBranch)
        {
            var shared = other.Skus.Where(skus.Contains).Order(StringComparer.Ordinal).ToList();
            if (shared.Count > 0)
                throw new DomainException("stocktake-overlap",
                    $"门店 {c.Branch} 的盘点 {other.Number} 尚未结束，且同样包含 {shared.Count} 种商品（{string.Join("、", shared.Take(5))}）；" +
                    $"请先完成或取消它 (open stocktake '{other.Number}' at branch '{c.Branch}' already covers {shared.Count} of these products: " +
                    $"{string.Join(", ", shared.Take(5))}; complete or cancel it first).");
        }
        return [new StocktakeOpened(c.Id, c.Branch, c.Kind, c.Blind, c.Zones, c.Items, c.By, now)];
    }
}

public static class OpenStocktakeEndpoint
{
    public const int MaxZones = 50;
    public const int MaxProducts = 20000;

    public static void MapOpenStocktake(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/stocktakes", async (string branch, OpenStocktakeRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var zones = request.Zones ?? [];
            var thresholds = request.Thresholds ?? [];
            var v = new Validation()
                .Require(request.Kind is "full" or "cycle", "kind", "is required: full or cycle")
                .Require(zones.Count is > 0 and <= MaxZones, "zones", $"must hold 1 to {MaxZones} zones");
            var products = new List<(int Zone, Product Product)>();
            for (var i = 0; i < zones.Count; i++)
            {
                var z = zones[i];
                v.NotEmpty(z.Name, $"zones[{i}].name", 50);
                var skus = z.Skus ?? [];
                if (string.IsNullOrWhiteSpace(z.Category) == (skus.Count == 0))
                    v.Add($"zones[{i}]", "must name either a category or a list of skus (products carry no shelf location, so a zone is one of those)");
                var counters = z.Counters ?? [];
                if (counters.Count == 0) v.Add($"zones[{i}].counters", "must name at least one counter");
                for (var j = 0; j < counters.Count; j++)
                {
                    v.NotEmpty(counters[j].UserId, $"zones[{i}].counters[{j}].userId", 64);
                    v.NotEmpty(counters[j].Name, $"zones[{i}].counters[{j}].name", 100);
                }
                if (!string.IsNullOrWhiteSpace(z.Category))
                {
                    var inCategory = await ProductsOfCategoryAsync(session, branch, z.Category.Trim(), ct);
                    if (inCategory.Count == 0) v.Add($"zones[{i}].category", $"no product of category '{z.Category}' in the catalogue");
                    products.AddRange(inCategory.Select(p => (i, p)));
                }
                else if (skus.Count > 0)
                {
                    var found = await session.LoadManyAsync<Product>(ct, skus.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().Select(Product.StreamId).ToArray());
                    var missing = skus.Where(s => string.IsNullOrWhiteSpace(s) || found.All(p => p.Sku != s)).ToList();
                    if (missing.Count > 0) v.Add($"zones[{i}].skus", $"unknown sku(s): {string.Join(", ", missing.Take(10))}");
                    products.AddRange(found.Select(p => (i, p)));
                }
            }
            var twice = products.GroupBy(p => p.Product.Sku).Where(g => g.Select(x => x.Zone).Distinct().Count() > 1).Select(g => g.Key).ToList();
            if (twice.Count > 0) v.Add("zones", $"a product belongs to one zone only; in more than one: {string.Join(", ", twice.Take(10))}");
            if (products.Count > MaxProducts) v.Add("zones", $"must cover at most {MaxProducts} products");
            for (var i = 0; i < thresholds.Count; i++)
            {
                v.NotEmpty(thresholds[i].Category, $"thresholds[{i}].category", 50);
                v.Require(thresholds[i].Units is null or >= 0, $"thresholds[{i}].units", "must not be negative");
                v.Require(thresholds[i].Value is null or >= 0, $"thresholds[{i}].value", "must not be negative");
            }
            v.ThrowIfInvalid();

            var now = clock.GetUtcNow();
            var id = $"ST-{now:yyyyMMdd}-{Guid.NewGuid():N}"[..18].ToUpperInvariant();
            var plans = zones.Select((z, i) => new StocktakeZonePlan($"z{i + 1}", z.Name!.Trim(),
                string.IsNullOrWhiteSpace(z.Category) ? $"{products.Count(p => p.Zone == i)} 种商品" : $"类别：{z.Category.Trim()}",
                string.IsNullOrWhiteSpace(z.Category) ? null : z.Category.Trim(),
                [.. z.Counters!.DistinctBy(c => c.UserId!.Trim()).Select(c => new StocktakeCounterRef(c.UserId!.Trim(), c.Name!.Trim()))])).ToList();
            var settings = await session.SettingsAsync(products.Select(p => p.Product.Category), ct);
            var items = products.DistinctBy(p => p.Product.Sku).Select(p =>
            {
                var own = thresholds.LastOrDefault(t => t.Category?.Trim() == p.Product.Category);
                var s = settings[p.Product.Category];
                return new StocktakeItemPlan(p.Product.Sku, p.Product.Name, p.Product.Spec, p.Product.Unit, p.Product.Category,
                    p.Product.RetailPrice, plans[p.Zone].ZoneId, own is null ? s.ThresholdUnits : own.Units,
                    own is null ? s.ThresholdValue : own.Value);
            }).ToList();
            var command = new OpenStocktake(id, branch, request.Kind!, request.Blind ?? false, plans, items, StockStream.RecorderFor(http.User).By);

            // Two managers opening overlapping stocktakes at once: the second waits for the first's commit, then sees it.
            await session.QueueForStreamAsync($"stocktakes:{branch}", ct);
            var open = await session.Query<StocktakeSnapshot>().Where(s => s.State.Branch == branch && s.State.IsOpen).ToListAsync(ct);
            var covers = open.Select(s => new OpenStocktakeCover(s.State.Number, s.State.Items.Keys.ToHashSet(StringComparer.Ordinal))).ToList();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), s => OpenStocktake.Decide(s, covers, command, now), ct);
            await session.SaveChangesAsync(ct);
            var (state, _) = await session.Load<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), ct);
            return TypedResults.Created($"/api/inventory/branches/{branch}/stocktakes/{id}", StocktakeView.From(state!, http.User, null));
        }).RequirePermission(OpenStocktake.Permission).WithName("OpenStocktake")
            .WithSummary("Open a stocktake (盘点): zones by category or explicit skus, their counters, full or cycle, blind or not");

    /// <summary>
    /// A category zone covers the catalogue's products of that category that the chain still carries, and the discontinued
    /// ones this branch still holds.
    /// </summary>
    private static async Task<IReadOnlyList<Product>> ProductsOfCategoryAsync(IQuerySession session, string branch, string category,
        CancellationToken ct)
    {
        var products = await session.Query<Product>().Where(p => p.Category == category).ToListAsync(ct);
        var held = (await session.Query<StockLevel>().Where(l => l.Branch == branch && l.Category == category && l.OnHand > 0)
            .Select(l => l.Sku).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return [.. products.Where(p => !p.Discontinued || held.Contains(p.Sku))];
    }
}
