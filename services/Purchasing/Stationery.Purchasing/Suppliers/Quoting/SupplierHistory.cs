using Marten;
using Stationery.Purchasing.PurchaseOrders;

namespace Stationery.Purchasing.Suppliers.Quoting;

/// <summary>What the chain's own deliveries say about a supplier: the lead time measured, and the last price paid per product.</summary>
public sealed record SupplierHistory(string SupplierId, double? MeasuredLeadTimeDays, int Deliveries,
    IReadOnlyDictionary<string, LastPaid> LastPaid);

/// <summary>The unit cost on the most recently received order of a product from a supplier.</summary>
public sealed record LastPaid(decimal UnitCost, string PurchaseOrderId, DateTimeOffset ReceivedAt);

public static class SupplierHistories
{
    /// <summary>How many of the latest received orders are read (per chain): enough for a trend, bounded for the query.</summary>
    public const int OrdersRead = 1000;

    /// <summary>
    /// Measured lead time: placed → first receipt, in days (one decimal), averaged over the supplier's orders that received
    /// anything. Last paid: the quoted cost carried by the most recently received order line with goods received on it.
    /// Cancelled orders count for whatever arrived before the cancellation.
    /// </summary>
    public static IReadOnlyDictionary<string, SupplierHistory> From(IEnumerable<PurchaseOrder> orders) =>
        orders.Where(o => o.FirstReceivedAt is not null)
            .GroupBy(o => o.SupplierId)
            .ToDictionary(g => g.Key, g => new SupplierHistory(g.Key,
                Math.Round(g.Average(o => (o.FirstReceivedAt!.Value - o.PlacedAt).TotalDays), 1),
                g.Count(),
                g.SelectMany(o => o.Lines.Where(l => l.Received > 0 && l.UnitCost is not null)
                        .Select(l => (l.Sku, Paid: new LastPaid(l.UnitCost!.Value, o.Id, o.LastReceivedAt ?? o.FirstReceivedAt!.Value))))
                    .GroupBy(x => x.Sku)
                    .ToDictionary(x => x.Key, x => x.OrderByDescending(p => p.Paid.ReceivedAt).First().Paid)));

    /// <summary>Measured lead times in days, by supplier id (suppliers never delivered from are missing).</summary>
    public static async Task<IReadOnlyDictionary<string, double>> MeasuredLeadTimesAsync(IQuerySession session, CancellationToken ct) =>
        (await LoadAsync(session, ct)).Values.Where(h => h.MeasuredLeadTimeDays is not null)
            .ToDictionary(h => h.SupplierId, h => h.MeasuredLeadTimeDays!.Value);

    public static async Task<IReadOnlyDictionary<string, SupplierHistory>> LoadAsync(IQuerySession session, CancellationToken ct) =>
        From(await session.Query<PurchaseOrder>().Where(o => o.Receipts > 0).OrderByDescending(o => o.PlacedAt).Take(OrdersRead).ToListAsync(ct));
}
