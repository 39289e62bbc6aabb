using Stationery.Hosting.Security;
using JasperFx.Events;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock.Levels;
using Stationery.Inventory.Stock.Reordering;

namespace Stationery.Inventory.Stock.History;

/// <summary>
/// One line of the ledger (库存流水): what moved, by how much, the balance after it, who, when, why, and from where.
/// Policy changes and alerts appear with quantity 0 so the history also explains when and why an alert fired.
/// </summary>
public sealed record LedgerEntry(long Version, string Kind, int Quantity, int Balance, DateTimeOffset At,
    DateTimeOffset? OccurredAt, string? By, string? Reason, string? Reference, string? Note, decimal? UnitPrice, string? Source);

/// <param name="Policy">The explicit policy as set (PUT …/policy).</param>
/// <param name="ComputedPolicy">What the daily pass computed from sales, with its figures (null without enough history).</param>
/// <param name="EffectivePolicy">The reorder point and max level in force, and whether they are explicit or computed.</param>
public sealed record StockHistory(StockRow Stock, ReorderPolicy Policy, bool AlertOpen, int? SuggestedQuantity,
    IReadOnlyList<LedgerEntry> Ledger, ComputedPolicy? ComputedPolicy, EffectivePolicy EffectivePolicy);

public static class GetStockHistory
{
    public static void MapGetStockHistory(this RouteGroupBuilder branches) =>
        branches.MapGet("/{branch}/stock/{sku}", async (string branch, string sku, int? limit, HttpContext http, IQuerySession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            new Validation().Require(limit is null or >= 1 and <= 2000, "limit", "must be between 1 and 2000").ThrowIfInvalid();
            var product = await session.LoadAsync<Product>(Product.StreamId(sku), ct) ?? throw new NotFoundException("商品 product", sku);
            var streamId = StockItem.StreamId(branch, sku);
            var level = await session.LoadAsync<StockLevel>(streamId, ct)
                ?? StockLevel.Create(new StockItemOpened(branch, sku, product.Name, product.Spec, product.Unit, product.Category,
                    product.PackSize, clock.GetUtcNow()));
            var events = await session.Events.FetchStreamAsync(streamId, token: ct);
            return TypedResults.Ok(new StockHistory(StockRow.From(level, clock.GetUtcNow()), level.Policy, level.AlertOpen,
                level.SuggestedQuantity, Ledger(events).TakeLast(limit ?? 500).ToList(), level.Computed, level.Effective));
        }).RequirePermission("stock.read").WithName("GetStockHistory");

    /// <summary>
    /// The running balance is summed from the movements themselves, so it explains the on-hand figure. The route answers
    /// the latest <c>?limit=</c> entries (500 unless asked), balances still counted from the first event.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> Ledger(IEnumerable<IEvent> events)
    {
        var balance = 0;
        var ledger = new List<LedgerEntry>();
        foreach (var e in events)
        {
            LedgerEntry? entry = e.Data switch
            {
                StockReceived r => Entry(e, "received", r.Quantity, r.At, r.By, null, r.Reference, null, null, r.Source),
                ItemsSold s => Entry(e, "sold", -s.Quantity, s.SoldAt, s.By, null, s.Reference, null, s.UnitPrice, s.Source),
                StockAdjusted a => Entry(e, "adjusted", a.Delta, a.At, a.By, a.Reason.ToString().ToLowerInvariant(), null, a.Note, null, a.Source),
                StockReturned r => Entry(e, "returned", -r.Quantity, r.At, r.By, r.Reason, r.Reference,
                    r.SupplierId is null ? null : $"supplier {r.SupplierId}", null, r.Source),
                ReorderPolicySet p => Entry(e, "policy", 0, p.At, p.By,
                    $"reorderPoint={p.Policy.ReorderPoint?.ToString() ?? "-"}, maxLevel={p.Policy.MaxLevel?.ToString() ?? "-"}", null, null, null, null),
                ReorderPolicyComputed { Computed: { } c } p => Entry(e, "policy-computed", 0, p.At, null,
                    $"computed: reorderPoint={c.ReorderPoint}, maxLevel={c.MaxLevel} (average {c.AverageDailySales:0.###}/day over {c.DaysUsed} days in stock, " +
                    $"{c.DaysExcluded} out-of-stock days left out; lead time {c.LeadTimeDays} days; safety stock {c.SafetyStock} = ⌈{c.SafetyFactor} × σ {c.StandardDeviation:0.###} × √{c.LeadTimeDays}⌉; cover {c.CoverDays} days)",
                    null, null, null, "daily-pass"),
                ReorderPolicyComputed p => Entry(e, "policy-computed", 0, p.At, null, "computed: none (too little sales history)", null, null, null, "daily-pass"),
                StockObserved o => Entry(e, "observed", 0, o.At, o.By,
                    $"reported {o.Reported} in chat, books {o.OnHand}, difference {o.Reported - o.OnHand:+0;-0;0}", o.ChatMessageId, null, null, $"chat:{o.ChatMessageId}"),
                SpotCountRecorded { Delta: 0 } c => Entry(e, "spot-count", 0, c.At, c.By, $"counted {c.Counted}: the books agree", c.ChatMessageId, null, null,
                    $"chat:{c.ChatMessageId}"),
                OnOrderChanged o => Entry(e, "on-order", 0, o.At, null,
                    $"{o.Stage.ToString().ToLowerInvariant()}: {o.Outstanding} outstanding on this order, {o.OnOrder} on order in all", o.PurchaseOrderId, null, null, "purchase-order"),
                StockTransferredOut t => Entry(e, "transfer-out", -t.Quantity, t.At, t.By, $"to {t.ToBranch}", t.TransferId, null, null, "transfer"),
                TransferInbound t => Entry(e, "in-transit", 0, t.At, null, $"{t.Quantity} on the way from {t.FromBranch}", t.TransferId, null, null, "transfer"),
                StockTransferredIn t => Entry(e, "transfer-in", t.Quantity, t.At, t.By, $"from {t.FromBranch}", t.TransferId, null, null, "transfer"),
                StockDiscontinued d => Entry(e, "discontinued", 0, d.At, null, "停售: sold off, not reordered", null, null, null, null),
                StockProductChanged c => Entry(e, "product-changed", 0, c.At, null, $"{c.Name} {c.Spec} ({c.Unit})", null, null, null, null),
                WentOutOfStock o => Entry(e, "out-of-stock", 0, o.At, null, $"{o.OnOrder} on order, {o.InTransit} in transit", null, null, null, null),
                SlowMoverDetected m => Entry(e, "slow-mover", 0, m.At, null,
                    $"no sale for {m.DaysWithoutSale} days (threshold {m.ThresholdDays}, 库龄 {m.AgeingBracket}, sell-through {m.SellThrough:0%})", null, null, null, "daily-pass"),
                LowStockDetected d => Entry(e, "low-stock", 0, d.At, null,
                    $"projected {d.OnHand + d.OnOrder + d.InTransit} <= reorder point {d.ReorderPoint}; suggest {d.SuggestedQuantity}", null, null, null, null),
                LowStockResolved r => Entry(e, "low-stock-resolved", 0, r.At, null,
                    $"projected {r.OnHand + r.OnOrder + r.InTransit} > reorder point {r.ReorderPoint}", null, null, null, null),
                _ => null,
            };
            if (entry is null) continue;
            balance += entry.Quantity;
            ledger.Add(entry with { Balance = balance });
        }
        return ledger;
    }

    private static LedgerEntry Entry(IEvent e, string kind, int quantity, DateTimeOffset occurredAt, string? by, string? reason,
        string? reference, string? note, decimal? unitPrice, string? source) =>
        new(e.Version, kind, quantity, 0, e.Timestamp, occurredAt, by, reason, reference, note, unitPrice, source);
}
