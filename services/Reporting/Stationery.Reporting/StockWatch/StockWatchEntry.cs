using JasperFx.Events;
using Marten.Events.Projections;
using Stationery.Reporting.Sales;

namespace Stationery.Reporting.StockWatch;

/// <summary>Inventory raised a low-stock alert (低库存) for a product at a branch.</summary>
public sealed record LowStockOpened(string Branch, string Sku, string Name, string Spec, string Unit, int OnHand, int ReorderPoint,
    int SuggestedQuantity, DateTimeOffset At);

/// <summary>The product's stock is back above its reorder point.</summary>
public sealed record LowStockClosed(string Branch, string Sku, int OnHand, DateTimeOffset At);

/// <summary>A stock reading outside a sale: a receipt, an adjustment, a return or the last unit going (缺货).</summary>
public sealed record StockCounted(string Branch, string Sku, int OnHand, DateTimeOffset At);

/// <summary>Inventory's daily pass found a slow mover (滞销品); the next sale ends the episode.</summary>
public sealed record SlowMoverFound(string Branch, string Sku, string Name, string Spec, string Unit, int OnHand, int DaysWithoutSale,
    DateTimeOffset? LastSoldAt, string AgeingBracket, decimal SellThrough, DateTimeOffset At);

public sealed record LowStockFinding(string Name, string Spec, string Unit, int OnHand, int ReorderPoint, int SuggestedQuantity, DateTimeOffset Since);

public sealed record SlowMoverFinding(string Name, string Spec, string Unit, int DaysWithoutSale, DateTimeOffset? LastSoldAt, string AgeingBracket,
    decimal SellThrough, DateTimeOffset Since);

/// <summary>
/// A product at a branch as the reports see its stock: the latest on-hand reading, the open low-stock alert and the open
/// slow-mover finding. Inventory's events arrive on separate queues, so every rule here compares times instead of trusting
/// arrival order: an alert is open when it was raised after it was last resolved, a slow mover while no sale is newer than
/// the last sale it knew of, and the on-hand figure is the latest reading.
/// </summary>
public sealed record StockWatchEntry(string Id, string Branch, string Sku, int? OnHand, DateTimeOffset? OnHandAt, LowStockFinding? Low,
    DateTimeOffset? LowClosedAt, SlowMoverFinding? Slow, DateTimeOffset? LastSoldAt)
{
    public static string IdFor(string branch, string sku) => $"{branch}|{sku}";

    public bool LowOpen => Low is not null && (LowClosedAt is null || Low.Since > LowClosedAt);

    public bool OutOfStock => OnHand is <= 0;

    /// <summary>待补货: an open low-stock alert, or nothing left on the shelf.</summary>
    public bool NeedsReorder => LowOpen || OutOfStock;

    public bool SlowOpen => Slow is not null && (LastSoldAt is null || Slow.LastSoldAt is { } known && LastSoldAt <= known);

    public StockWatchEntry Reading(int onHand, DateTimeOffset at) =>
        OnHandAt is { } seen && seen > at ? this : this with { OnHand = onHand, OnHandAt = at };
}

public sealed class StockWatchProjection : MultiStreamProjection<StockWatchEntry, string>
{
    public StockWatchProjection()
    {
        Identity<LowStockOpened>(e => StockWatchEntry.IdFor(e.Branch, e.Sku));
        Identity<LowStockClosed>(e => StockWatchEntry.IdFor(e.Branch, e.Sku));
        Identity<StockCounted>(e => StockWatchEntry.IdFor(e.Branch, e.Sku));
        Identity<SlowMoverFound>(e => StockWatchEntry.IdFor(e.Branch, e.Sku));
        Identity<SaleRecorded>(e => StockWatchEntry.IdFor(e.Branch, e.Sku));
    }

    public override StockWatchEntry? Evolve(StockWatchEntry? snapshot, string id, IEvent e)
    {
        StockWatchEntry Entry(string branch, string sku) => snapshot ?? new StockWatchEntry(id, branch, sku, null, null, null, null, null, null);
        return e.Data switch
        {
            LowStockOpened o => Entry(o.Branch, o.Sku) is var w && w.Low is { } low && low.Since >= o.At
                ? w
                : Entry(o.Branch, o.Sku).Reading(o.OnHand, o.At) with
                {
                    Low = new LowStockFinding(o.Name, o.Spec, o.Unit, o.OnHand, o.ReorderPoint, o.SuggestedQuantity, o.At),
                },
            LowStockClosed c => Entry(c.Branch, c.Sku) is var w && w.LowClosedAt is { } closed && closed >= c.At
                ? w
                : w.Reading(c.OnHand, c.At) with { LowClosedAt = c.At },
            StockCounted s => Entry(s.Branch, s.Sku).Reading(s.OnHand, s.At),
            SlowMoverFound f => Entry(f.Branch, f.Sku) is var w && w.Slow is { } slow && slow.Since >= f.At
                ? w
                : w.Reading(f.OnHand, f.At) with
                {
                    Slow = new SlowMoverFinding(f.Name, f.Spec, f.Unit, f.DaysWithoutSale, f.LastSoldAt, f.AgeingBracket, f.SellThrough, f.At),
                },
            SaleRecorded s => Entry(s.Branch, s.Sku).Reading(s.OnHand, s.RecordedAt) is var w && w.LastSoldAt is { } last && last >= s.SoldAt
                ? w
                : w with { LastSoldAt = s.SoldAt },
            _ => snapshot,
        };
    }
}
