using Marten;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Alerts;

public sealed record AlertView(string Kind, string Sku, string Name, string Spec, string Unit, int OnHand, int OnOrder,
    int? ReorderPoint, int? SuggestedQuantity, DateTimeOffset? Since, int InTransit);

public static class ListAlerts
{
    /// <summary>The branch's open alerts (低库存), oldest first.</summary>
    public static void MapListAlerts(this RouteGroupBuilder branches) =>
        branches.MapGet("/{branch}/alerts", async (string branch, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            await session.BranchAsync(http.User, branch, ct);
            var open = await session.Query<StockLevel>()
                .Where(l => l.Branch == branch && l.AlertOpen)
                .OrderBy(l => l.AlertSince)
                .Take(1000)
                .ToListAsync(ct);
            return TypedResults.Ok(open.Select(l => new AlertView("low-stock", l.Sku, l.Name, l.Spec, l.Unit, l.OnHand, l.OnOrder,
                l.Policy.ReorderPoint, l.SuggestedQuantity, l.AlertSince, l.InTransit)).ToList());
        }).WithName("ListAlerts");
}
