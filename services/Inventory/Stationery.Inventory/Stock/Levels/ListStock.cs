using Stationery.Hosting.Security;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Stock.Levels;

/// <summary>One product on a branch's stock board; projected = on hand + on order + in transit in.</summary>
public sealed record StockRow(string Sku, string Name, string Spec, string Unit, string Category, int OnHand, int OnOrder,
    int? ReorderPoint, int? MaxLevel, string Status, double? DaysOfCover, DateTimeOffset? LastSoldAt, int InTransit, int Projected,
    bool Discontinued, string PolicySource)
{
    /// <summary>Reorder point and max level are the ones in force (<see cref="PolicySource"/>: explicit, computed or none).</summary>
    public static StockRow From(StockLevel l, DateTimeOffset now) => new(l.Sku, l.Name, l.Spec, l.Unit, l.Category, l.OnHand,
        l.OnOrder, l.Effective.ReorderPoint, l.Effective.MaxLevel, l.Status, l.DaysOfCover(now), l.LastSoldAt, l.InTransit,
        l.OnHand + l.OnOrder + l.InTransit, l.Discontinued, l.Effective.Source);
}

public static class ListStock
{
    private static readonly string[] Statuses = ["low", "out", "slow", "ok"];

    /// <summary>A branch's stock board, by sku; <c>?after=</c> the last sku of the previous page, <c>?limit=</c> up to 200.</summary>
    public static void MapListStock(this RouteGroupBuilder branches) =>
        branches.MapGet("/{branch}/stock", async (string branch, string? category, string? status, string? after, int? limit,
            HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            new Validation()
                .Require(status is null || Statuses.Contains(status), "status", "must be one of low, out, slow, ok")
                .Require(limit is null or >= 1 and <= 200, "limit", "must be between 1 and 200")
                .ThrowIfInvalid();

            var query = session.Query<StockLevel>().Where(l => l.Branch == branch);
            if (!string.IsNullOrWhiteSpace(category)) query = query.Where(l => l.Category == category);
            if (status is not null) query = query.Where(l => l.Status == status);
            if (!string.IsNullOrEmpty(after)) query = query.Where(l => string.Compare(l.Sku, after) > 0);
            var levels = await query.OrderBy(l => l.Sku).Take(limit ?? 200).ToListAsync(ct);
            var now = clock.GetUtcNow();
            return TypedResults.Ok(levels.Select(l => StockRow.From(l, now)).ToList());
        }).RequirePermission("stock.read").WithName("ListStock");
}
