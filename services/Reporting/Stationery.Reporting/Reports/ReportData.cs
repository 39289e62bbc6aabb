using Marten;
using Stationery.Reporting.Branches;
using Stationery.Reporting.Catalogue;
using Stationery.Reporting.Sales;
using Stationery.Reporting.StockWatch;
using Stationery.Reporting.Stocktakes;

namespace Stationery.Reporting.Reports;

/// <summary>What one branch's read models hold for a range of its days, with the products they name.</summary>
public sealed record ReportData(BranchCopy Branch, IReadOnlyList<BranchDaySales> Days, IReadOnlyList<ProductDaySales> Products,
    IReadOnlyList<StockWatchEntry> Watch, IReadOnlyDictionary<string, ProductCopy> Catalogue, IReadOnlyList<CompletedStocktake> Stocktakes)
{
    public ProductCopy Product(string sku) => Catalogue.TryGetValue(sku, out var p) ? p : ProductCopy.Unknown(sku);

    public IEnumerable<BranchDaySales> DaysIn(DateOnly from, DateOnly to) => Days.Where(d => d.Day >= from && d.Day <= to);

    public IEnumerable<ProductDaySales> ProductsIn(DateOnly from, DateOnly to) => Products.Where(d => d.Day >= from && d.Day <= to);

    public IEnumerable<CompletedStocktake> StocktakesOn(DateOnly day) => Stocktakes.Where(s => s.Day == day);

    /// <summary>
    /// Loads branch totals for <paramref name="daysFrom"/>..<paramref name="to"/>, product sales for
    /// <paramref name="productsFrom"/>..<paramref name="to"/>, the branch's stock watch and the products any of them name.
    /// </summary>
    public static async Task<ReportData> LoadAsync(IQuerySession session, BranchCopy branch, DateOnly daysFrom, DateOnly productsFrom,
        DateOnly to, CancellationToken ct)
    {
        var (first, last, firstProduct) = (daysFrom.DayNumber, to.DayNumber, productsFrom.DayNumber);
        var days = await session.Query<BranchDaySales>()
            .Where(d => d.Branch == branch.Id && d.DayNumber >= first && d.DayNumber <= last).ToListAsync(ct);
        var products = await session.Query<ProductDaySales>()
            .Where(d => d.Branch == branch.Id && d.DayNumber >= firstProduct && d.DayNumber <= last).ToListAsync(ct);
        var watch = await session.Query<StockWatchEntry>().Where(w => w.Branch == branch.Id).ToListAsync(ct);
        var stocktakes = await session.Query<CompletedStocktake>().Where(s => s.Branch == branch.Id && s.DayNumber == last).ToListAsync(ct);
        var skus = products.Select(p => p.Sku).Concat(watch.Select(w => w.Sku)).Distinct(StringComparer.Ordinal).ToArray();
        var catalogue = skus.Length == 0 ? [] : await session.LoadManyAsync<ProductCopy>(ct, skus);
        return new ReportData(branch, [.. days], [.. products], [.. watch], catalogue.ToDictionary(p => p.Id, StringComparer.Ordinal),
            [.. stocktakes]);
    }
}
