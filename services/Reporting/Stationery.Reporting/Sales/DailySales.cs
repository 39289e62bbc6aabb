using JasperFx.Events;
using Marten.Events.Projections;

namespace Stationery.Reporting.Sales;

/// <summary>What one product sold at a branch on one of its days (async projection of <see cref="SaleRecorded"/>).</summary>
/// <param name="DayNumber"><see cref="DateOnly.DayNumber"/> of <paramref name="Day"/>, what range queries compare.</param>
public sealed record ProductDaySales(string Id, string Branch, DateOnly Day, int DayNumber, string Sku, int Quantity, decimal Revenue)
{
    public static string IdFor(string branch, DateOnly day, string sku) => $"{branch}|{day:yyyy-MM-dd}|{sku}";
}

/// <summary>
/// A branch's totals for one of its days (async projection of <see cref="SaleRecorded"/>). <see cref="References"/> holds
/// the distinct sale references, so a receipt of several lines counts as one ticket.
/// </summary>
/// <param name="LastRecordedAt">When the day's latest sale line reached Reporting (the event store's timestamp): the
/// evening pass waits until a day has been quiet for a while.</param>
/// <param name="DayNumber"><see cref="DateOnly.DayNumber"/> of <paramref name="Day"/>, what range queries compare.</param>
public sealed record BranchDaySales(string Id, string Branch, DateOnly Day, int DayNumber, int Units, decimal Revenue, int Lines, string[] References,
    DateTimeOffset LastRecordedAt)
{
    public int Tickets => References.Length;

    public static string IdFor(string branch, DateOnly day) => $"{branch}|{day:yyyy-MM-dd}";
}

public sealed class ProductDaySalesProjection : MultiStreamProjection<ProductDaySales, string>
{
    public ProductDaySalesProjection() => Identity<SaleRecorded>(s => ProductDaySales.IdFor(s.Branch, s.Day, s.Sku));

    public override ProductDaySales? Evolve(ProductDaySales? snapshot, string id, IEvent e) => e.Data switch
    {
        SaleRecorded s => (snapshot ?? new ProductDaySales(id, s.Branch, s.Day, s.Day.DayNumber, s.Sku, 0, 0m)) with
        {
            Quantity = (snapshot?.Quantity ?? 0) + s.Quantity,
            Revenue = (snapshot?.Revenue ?? 0m) + s.Amount,
        },
        _ => snapshot,
    };
}

public sealed class BranchDaySalesProjection : MultiStreamProjection<BranchDaySales, string>
{
    public BranchDaySalesProjection() => Identity<SaleRecorded>(s => BranchDaySales.IdFor(s.Branch, s.Day));

    public override BranchDaySales? Evolve(BranchDaySales? snapshot, string id, IEvent e)
    {
        if (e.Data is not SaleRecorded s) return snapshot;
        var day = snapshot ?? new BranchDaySales(id, s.Branch, s.Day, s.Day.DayNumber, 0, 0m, 0, [], e.Timestamp);
        return day with
        {
            Units = day.Units + s.Quantity,
            Revenue = day.Revenue + s.Amount,
            Lines = day.Lines + 1,
            References = day.References.Contains(s.Reference, StringComparer.Ordinal) ? day.References : [.. day.References, s.Reference],
            LastRecordedAt = e.Timestamp > day.LastRecordedAt ? e.Timestamp : day.LastRecordedAt,
        };
    }
}
