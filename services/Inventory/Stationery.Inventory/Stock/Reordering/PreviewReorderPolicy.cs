using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Alerts;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Stock.Reordering;

/// <summary>
/// What a policy being typed would do for one product at one branch, from its real sales: the settings it resolves to, the
/// computed reorder point and max level with every figure behind them, the point and level in force, and the quantity an
/// alert would suggest now. <paramref name="WouldAlert"/>: the low-stock rule would have an alert open on it
/// (<see cref="LowStockRule.IsLow"/>: held at some point, not discontinued, projected stock at or below the point).
/// </summary>
public sealed record ReorderPolicyPreview(string Branch, string Sku, ReorderSettings Settings, ComputedPolicy? Computed,
    EffectivePolicy Effective, int OnHand, int OnOrder, int InTransit, int? SuggestedQuantity, bool WouldAlert);

/// <summary>
/// 补货策略预览: read-only. The product's figures (reorder point, max level, lead time) are the policy as a PUT would set it
/// (left out: cleared); cover days, look-back and safety factor replace the category's or the defaults when given. The computation is the daily pass's (<see cref="ReorderCalculation.ForDay"/>) and the suggestion the alert's
/// (<see cref="LowStockRule.SuggestedQuantity"/>), so the screen never carries a second copy of the formula.
/// </summary>
public static class PreviewReorderPolicy
{
    public static void MapPreviewReorderPolicy(this RouteGroupBuilder branches) =>
        branches.MapGet("/{branch}/products/{sku}/policy/preview", async (string branch, string sku, int? reorderPoint, int? maxLevel,
            int? leadTimeDays, int? coverDays, int? lookBackDays, double? safetyFactor, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var at = await session.BranchAsync(branch, ct);
            var product = await session.LoadAsync<Product>(Product.StreamId(sku), ct) ?? throw new NotFoundException("商品 product", sku);
            new Validation()
                .ReorderPolicyRules(new ReorderPolicyRequest(reorderPoint, maxLevel, leadTimeDays, null))
                .CategoryPolicyRules(new CategoryPolicyRequest(null, coverDays, lookBackDays, safetyFactor))
                .ThrowIfInvalid();

            var events = (await session.Events.FetchStreamAsync(StockItem.StreamId(branch, sku), token: ct)).Select(e => e.Data).ToList();
            var state = StockStream.Replay(null, events) ?? StockItem.Create(new StockItemOpened(branch, sku, product.Name, product.Spec,
                product.Unit, product.Category, product.PackSize, clock.GetUtcNow()));
            var category = await session.LoadAsync<CategoryPolicy>(CategoryPolicy.StreamId(product.Category), ct);
            var zone = SlowMoverPass.Zone(at.TimeZone);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            return TypedResults.Ok(Preview(state, category, new Typed(reorderPoint, maxLevel, leadTimeDays, coverDays, lookBackDays, safetyFactor),
                events, zone, day));
        }).RequirePermission("stock.policy").WithName("PreviewReorderPolicy");

    /// <summary>The figures on the form; null: left to what is in force.</summary>
    public sealed record Typed(int? ReorderPoint, int? MaxLevel, int? LeadTimeDays, int? CoverDays, int? LookBackDays, double? SafetyFactor);

    /// <summary>Pure: the preview of <paramref name="typed"/> on the stream's current state and history.</summary>
    public static ReorderPolicyPreview Preview(StockItem state, CategoryPolicy? category, Typed typed, IEnumerable<object> events,
        TimeZoneInfo zone, DateOnly day)
    {
        var policy = state.Policy with { ReorderPoint = typed.ReorderPoint, MaxLevel = typed.MaxLevel, LeadTimeDays = typed.LeadTimeDays };
        var resolved = CategoryDefaults.Resolve(state.Product.Category, policy, category);
        var settings = resolved with
        {
            CoverDays = typed.CoverDays ?? resolved.CoverDays,
            LookBackDays = typed.LookBackDays ?? resolved.LookBackDays,
            SafetyFactor = typed.SafetyFactor ?? resolved.SafetyFactor,
        };
        var computed = ReorderCalculation.ForDay(events, zone, settings, day);
        var after = state with { Policy = policy, Computed = computed };
        var effective = new EffectivePolicy(after.ReorderPoint, after.MaxLevel,
            policy.ReorderPoint is not null ? "explicit" : computed is not null ? "computed" : "none");
        return new ReorderPolicyPreview(state.Branch, state.Sku, settings, computed, effective, after.OnHand, after.OnOrder, after.InTransit,
            after.ReorderPoint is null ? null : LowStockRule.SuggestedQuantity(after), LowStockRule.IsLow(after));
    }
}
