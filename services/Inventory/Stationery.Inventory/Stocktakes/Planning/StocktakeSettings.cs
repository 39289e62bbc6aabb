using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Stocktakes.Planning;

/// <summary>
/// 盘点参数 of one category, for the whole chain (so set, like the category's reorder defaults, by owner or hq): how often a cycle count takes it (days) and the variance a count may show
/// before it needs a recount or an explanation. Unset fields use <see cref="StocktakeDefaults"/>. Id: the category.
/// </summary>
public sealed record StocktakeCategorySettings(string Id, int? CountEveryDays, int? ThresholdUnits, decimal? ThresholdValue, string By,
    DateTimeOffset SetAt);

/// <summary>
/// The built-in defaults: every category once a month; a variance of more than 2 units, or worth more than ¥50 at retail
/// price, needs a recount or an explanation.
/// </summary>
public static class StocktakeDefaults
{
    public const int CountEveryDays = 30;
    public const int ThresholdUnits = 2;
    public const decimal ThresholdValue = 50m;

    public static StocktakeSettingsView Resolve(string category, StocktakeCategorySettings? s) => new(category,
        s?.CountEveryDays ?? CountEveryDays, s?.ThresholdUnits ?? ThresholdUnits, s?.ThresholdValue ?? ThresholdValue,
        new StocktakeSettingsRequest(s?.CountEveryDays, s?.ThresholdUnits, s?.ThresholdValue));
}

public sealed record StocktakeSettingsRequest(int? CountEveryDays, int? ThresholdUnits, decimal? ThresholdValue);

/// <summary>The settings in force for a category and which of them were set rather than defaulted.</summary>
public sealed record StocktakeSettingsView(string Category, int CountEveryDays, int ThresholdUnits, decimal ThresholdValue,
    StocktakeSettingsRequest Set);

/// <summary>A category the cycle count proposes for today.</summary>
/// <param name="LastCountedAt">When a completed stocktake last covered it (null: never).</param>
/// <param name="DueSince">The day it fell due (null: never counted, so due now).</param>
public sealed record ProposedCategory(string Category, int Products, int CountEveryDays, DateTimeOffset? LastCountedAt, DateOnly? DueSince);

public sealed record StocktakeProposal(string Branch, DateOnly Day, IReadOnlyList<ProposedCategory> Categories);

/// <summary>周期盘点: which categories are due today, by their counting frequency and the last completed stocktake that covered them.</summary>
public static class CycleProposal
{
    public static IReadOnlyList<ProposedCategory> Propose(IReadOnlyDictionary<string, int> productsPerCategory,
        IReadOnlyDictionary<string, DateTimeOffset> lastCounted, Func<string, int> everyDays, DateOnly today) =>
        [.. productsPerCategory.Keys.Order(StringComparer.Ordinal)
            .Select(c => (Category: c, Every: everyDays(c), Last: lastCounted.TryGetValue(c, out var at) ? at : (DateTimeOffset?)null))
            .Select(x => (x.Category, x.Every, x.Last, Due: x.Last is { } last ? DateOnly.FromDateTime(last.UtcDateTime).AddDays(x.Every) : (DateOnly?)null))
            .Where(x => x.Due is null || x.Due <= today)
            .Select(x => new ProposedCategory(x.Category, productsPerCategory[x.Category], x.Every, x.Last, x.Due))];
}

public static class StocktakeSettingsEndpoints
{
    public static void MapStocktakeSettings(this RouteGroupBuilder api)
    {
        api.MapPut("/categories/{category}/stocktake-settings", async (string category, StocktakeSettingsRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            new Validation()
                .Require(category.Trim().Length is > 0 and <= 50, "category", "must be 1 to 50 characters")
                .Require(request.CountEveryDays is null or >= 1 and <= 366, "countEveryDays", "must be between 1 and 366")
                .Require(request.ThresholdUnits is null or >= 0 and <= 100000, "thresholdUnits", "must be between 0 and 100000")
                .Require(request.ThresholdValue is null or >= 0 and <= 10000000, "thresholdValue", "must be between 0 and 10000000")
                .ThrowIfInvalid();
            var settings = new StocktakeCategorySettings(category.Trim(), request.CountEveryDays, request.ThresholdUnits, request.ThresholdValue,
                StockStream.RecorderFor(http.User).By, clock.GetUtcNow());
            session.Store(settings);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(StocktakeDefaults.Resolve(settings.Id, settings));
        }).RequirePermission("categories.policy").WithName("SetStocktakeSettings")
            .WithSummary("Set a category's stocktake frequency (days) and variance thresholds (units, retail value)");

        api.MapGet("/categories/{category}/stocktake-settings", async (string category, IQuerySession session, CancellationToken ct) =>
            TypedResults.Ok(StocktakeDefaults.Resolve(category, await session.LoadAsync<StocktakeCategorySettings>(category, ct))))
            .RequirePermission("categories.read").WithName("GetStocktakeSettings")
            .WithSummary("A category's stocktake frequency and variance thresholds in force");
    }

    /// <summary>The settings of the given categories (defaults where unset).</summary>
    public static async Task<IReadOnlyDictionary<string, StocktakeSettingsView>> SettingsAsync(this IQuerySession session,
        IEnumerable<string> categories, CancellationToken ct)
    {
        var ids = categories.Distinct(StringComparer.Ordinal).ToArray();
        var set = ids.Length == 0 ? [] : await session.LoadManyAsync<StocktakeCategorySettings>(ct, ids);
        return ids.ToDictionary(c => c, c => StocktakeDefaults.Resolve(c, set.FirstOrDefault(s => s.Id == c)), StringComparer.Ordinal);
    }
}
