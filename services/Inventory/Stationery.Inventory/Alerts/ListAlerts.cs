using Stationery.Hosting.Security;
using Marten;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Alerts;

/// <summary>An open alert: <c>low-stock</c> (with the suggestion) or <c>slow-mover</c> (with days without a sale and 库龄 bracket).</summary>
public sealed record AlertView(string Kind, string Sku, string Name, string Spec, string Unit, int OnHand, int OnOrder,
    int? ReorderPoint, int? SuggestedQuantity, DateTimeOffset? Since, int InTransit, DateTimeOffset? LastSoldAt = null,
    int? DaysWithoutSale = null, string? AgeingBracket = null, decimal? SellThrough = null);

public static class ListAlerts
{
    /// <summary>The branch's open alerts (低库存, then 滞销), oldest first.</summary>
    public static void MapListAlerts(this RouteGroupBuilder branches) =>
        branches.MapGet("/{branch}/alerts", async (string branch, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var open = await session.Query<StockLevel>()
                .Where(l => l.Branch == branch && (l.AlertOpen || l.SlowMover))
                .Take(2000)
                .ToListAsync(ct);
            var low = open.Where(l => l.AlertOpen).OrderBy(l => l.AlertSince).Select(l => new AlertView("low-stock", l.Sku, l.Name,
                l.Spec, l.Unit, l.OnHand, l.OnOrder, l.Effective.ReorderPoint, l.SuggestedQuantity, l.AlertSince, l.InTransit, l.LastSoldAt));
            var slow = open.Where(l => l.SlowMoverFinding is not null).Select(l => (l, f: l.SlowMoverFinding!)).OrderBy(x => x.f.At)
                .Select(x => new AlertView("slow-mover", x.l.Sku, x.l.Name, x.l.Spec, x.l.Unit, x.l.OnHand, x.l.OnOrder,
                    x.l.Effective.ReorderPoint, null, x.f.At, x.l.InTransit, x.l.LastSoldAt, x.f.DaysWithoutSale, x.f.AgeingBracket, x.f.SellThrough));
            return TypedResults.Ok(low.Concat(slow).ToList());
        }).RequirePermission("stock.read").WithName("ListAlerts");
}
