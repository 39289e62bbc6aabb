using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Stock.Reordering;

/// <summary>A category's reorder settings were replaced (a field left out falls back to the built-in default).</summary>
public sealed record CategoryPolicySet(string Category, int? LeadTimeDays, int? CoverDays, int? LookBackDays, double? SafetyFactor,
    string By, DateTimeOffset At);

/// <summary>
/// 品类补货参数: how products of one category without an explicit reorder point get a computed one, for the whole chain
/// (inline projection of the stream <c>category:{category}</c>). Unset fields use <see cref="CategoryDefaults"/>.
/// </summary>
public sealed record CategoryPolicy(string Id, string Category, int? LeadTimeDays, int? CoverDays, int? LookBackDays, double? SafetyFactor,
    DateTimeOffset SetAt)
{
    public static string StreamId(string category) => $"category:{category}";

    public static CategoryPolicy Create(CategoryPolicySet e) =>
        new(StreamId(e.Category), e.Category, e.LeadTimeDays, e.CoverDays, e.LookBackDays, e.SafetyFactor, e.At);

    public CategoryPolicy Apply(CategoryPolicySet e) => Create(e);
}

/// <summary>
/// The built-in defaults: stationery from the usual wholesalers arrives within a week; paints and art materials come from
/// fewer, farther suppliers. Two weeks of cover above the reorder point, four weeks of history, z = 1.65 (≈ 95 %).
/// </summary>
public static class CategoryDefaults
{
    public const int CoverDays = 14;
    public const int LookBackDays = 28;
    public const double SafetyFactor = 1.65;

    public static int LeadTimeDays(string category) => category switch
    {
        "颜料" or "美术用品" => 10,
        _ => 7,
    };

    /// <summary>The settings for one product: its own lead time first, then its category's policy, then the defaults.</summary>
    public static ReorderSettings Resolve(string category, ReorderPolicy product, CategoryPolicy? policy) => new(
        product.LeadTimeDays ?? policy?.LeadTimeDays ?? LeadTimeDays(category),
        policy?.CoverDays ?? CoverDays,
        policy?.LookBackDays ?? LookBackDays,
        policy?.SafetyFactor ?? SafetyFactor);
}

public sealed record CategoryPolicyRequest(int? LeadTimeDays, int? CoverDays, int? LookBackDays, double? SafetyFactor);

/// <summary>What a category's products use now: the settings in force and which of them were set rather than defaulted.</summary>
public sealed record CategoryPolicyView(string Category, ReorderSettings Settings, CategoryPolicyRequest Set);

public static class SetCategoryPolicyEndpoint
{
    /// <summary>The rules of a category's settings, for setting them and for previewing them.</summary>
    public static Validation CategoryPolicyRules(this Validation v, CategoryPolicyRequest request) => v
        .Require(request.LeadTimeDays is null or >= 0 and <= 365, "leadTimeDays", "must be between 0 and 365")
        .Require(request.CoverDays is null or >= 1 and <= 365, "coverDays", "must be between 1 and 365")
        .Require(request.LookBackDays is null or >= ReorderCalculation.MinimumDays and <= 365, "lookBackDays",
            $"must be between {ReorderCalculation.MinimumDays} and 365")
        .Require(request.SafetyFactor is null or >= 0 and <= 4, "safetyFactor", "must be between 0 and 4");

    public static void MapCategoryPolicy(this RouteGroupBuilder api)
    {
        api.MapPut("/categories/{category}/policy", async (string category, CategoryPolicyRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            new Validation()
                .Require(category.Trim().Length is > 0 and <= 50, "category", "must be 1 to 50 characters")
                .CategoryPolicyRules(request)
                .ThrowIfInvalid();

            var set = new CategoryPolicySet(category.Trim(), request.LeadTimeDays, request.CoverDays, request.LookBackDays, request.SafetyFactor,
                StockStream.RecorderFor(http.User).By, clock.GetUtcNow());
            var id = CategoryPolicy.StreamId(set.Category);
            var current = await session.LoadAsync<CategoryPolicy>(id, ct);
            if (current is null) session.Events.StartStream<CategoryPolicy>(id, set);
            else if (current with { SetAt = set.At } != CategoryPolicy.Create(set)) session.Events.Append(id, set);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(View(set.Category, CategoryPolicy.Create(set)));
        }).RequirePermission("categories.policy").WithName("SetCategoryPolicy");

        api.MapGet("/categories/{category}/policy", async (string category, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            return TypedResults.Ok(View(category, await session.LoadAsync<CategoryPolicy>(CategoryPolicy.StreamId(category), ct)));
        }).RequirePermission("categories.read").WithName("GetCategoryPolicy");
    }

    private static CategoryPolicyView View(string category, CategoryPolicy? p) => new(category,
        CategoryDefaults.Resolve(category, ReorderPolicy.None, p),
        new CategoryPolicyRequest(p?.LeadTimeDays, p?.CoverDays, p?.LookBackDays, p?.SafetyFactor));
}
