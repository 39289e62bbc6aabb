using Stationery.Hosting.Security;
using Marten;
using Stationery.Reporting.Branches;
using Stationery.Reporting.Catalogue;
using Stationery.Reporting.StockWatch;

namespace Stationery.Reporting.Reports.SlowMovers;

public static class ListSlowMovers
{
    /// <summary>The branch's open slow movers (滞销), longest without a sale first: candidates to discount or return.</summary>
    public static void MapListSlowMovers(this RouteGroupBuilder branches) =>
        branches.MapGet("/{branch}/slow-movers", async (string branch, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var copy = await session.BranchAsync(branch, ct);
            var watch = await session.Query<StockWatchEntry>().Where(w => w.Branch == copy.Id && w.Slow != null).ToListAsync(ct);
            var skus = watch.Select(w => w.Sku).ToArray();
            var catalogue = skus.Length == 0 ? [] : (await session.LoadManyAsync<ProductCopy>(ct, skus)).ToDictionary(p => p.Id);
            return TypedResults.Ok(SalesReport.SlowMovers(watch, sku => catalogue.GetValueOrDefault(sku) ?? ProductCopy.Unknown(sku)));
        }).RequirePermission("reports.branch").WithName("ListSlowMovers");
}
