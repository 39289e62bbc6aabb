using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;

namespace Stationery.Inventory.Stock.Reordering;

/// <summary>PUT replaces the whole policy: a field left out is cleared (no reorder point → no alerts).</summary>
public sealed record ReorderPolicyRequest(int? ReorderPoint, int? MaxLevel, int? LeadTimeDays, int? SlowMoverDays);

/// <summary>Set 补货策略 for one product at one branch. Changing the reorder point may open or close the alert at once.</summary>
public sealed record SetReorderPolicy(string Branch, ProductFacts Product, ReorderPolicy Policy, Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, SetReorderPolicy c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
            s.Policy == c.Policy ? [] : [new ReorderPolicySet(c.Branch, s.Sku, c.Policy, c.Recorder.By, now)]);
}

public sealed record ReorderPolicyResult(string Sku, ReorderPolicy Policy, int OnHand, bool LowStock);

public static class SetReorderPolicyEndpoint
{
    /// <summary>The rules of a product's policy, for setting it and for previewing it.</summary>
    public static Validation ReorderPolicyRules(this Validation v, ReorderPolicyRequest request) => v
        .Require(request.ReorderPoint is null or >= 0, "reorderPoint", "must not be negative")
        .Require(request.MaxLevel is null or > 0, "maxLevel", "must be greater than 0")
        .Require(request.MaxLevel is null || request.ReorderPoint is null || request.MaxLevel > request.ReorderPoint,
            "maxLevel", "must be greater than reorderPoint")
        .Require(request.LeadTimeDays is null or >= 0 and <= 365, "leadTimeDays", "must be between 0 and 365")
        .Require(request.SlowMoverDays is null or > 0 and <= 3650, "slowMoverDays", "must be between 1 and 3650");

    public static void MapSetReorderPolicy(this RouteGroupBuilder branches) =>
        branches.MapPut("/{branch}/products/{sku}/policy", async (string branch, string sku, ReorderPolicyRequest request,
            HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var product = await session.LoadAsync<Product>(Product.StreamId(sku), ct) ?? throw new NotFoundException("商品 product", sku);

            new Validation().ReorderPolicyRules(request).ThrowIfInvalid();

            var policy = new ReorderPolicy(request.ReorderPoint, request.MaxLevel, request.LeadTimeDays, request.SlowMoverDays);
            var command = new SetReorderPolicy(branch, ProductFacts.From(product), policy, StockStream.RecorderFor(http.User));
            var now = clock.GetUtcNow();
            var result = await session.DecideStock(branch, sku, s => SetReorderPolicy.Decide(s, command, now), ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new ReorderPolicyResult(sku, policy, result.OnHand, result.LowStock));
        }).RequirePermission("stock.policy").WithName("SetReorderPolicy");
}
