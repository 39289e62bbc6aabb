using System.Collections.Immutable;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock.Reordering;

namespace Stationery.Inventory.Stock;

// Domain events of one stock stream `stock:{branch}:{sku}`. Every event names its branch and sku so it reads on its
// own (ledger, outbox, rebuilds); movements carry the on-hand balance after them, who recorded them, and from where.

/// <summary>First event of a stock stream: the product facts this branch's stock needs, copied from the catalogue.</summary>
public sealed record StockItemOpened(string Branch, string Sku, string Name, string Spec, string Unit, string Category,
    int PackSize, DateTimeOffset At);

public sealed record StockReceived(string Branch, string Sku, int Quantity, int OnHand, string Reference, string By,
    string Source, DateTimeOffset At);

public sealed record ItemsSold(string Branch, string Sku, int Quantity, decimal UnitPrice, int OnHand, string Reference,
    DateTimeOffset SoldAt, string By, string Source, DateTimeOffset At);

public sealed record StockAdjusted(string Branch, string Sku, int Delta, AdjustmentReason Reason, string? Note, int OnHand,
    string By, string Source, DateTimeOffset At);

public sealed record StockReturned(string Branch, string Sku, int Quantity, int OnHand, string Reference, string? SupplierId,
    string? Reason, string By, string Source, DateTimeOffset At);

public sealed record ReorderPolicySet(string Branch, string Sku, ReorderPolicy Policy, string By, DateTimeOffset At);

public sealed record LowStockDetected(string Branch, string Sku, string Name, string Spec, string Unit, int OnHand,
    int OnOrder, int ReorderPoint, int SuggestedQuantity, DateTimeOffset At, int InTransit = 0, int? LeadTimeDays = null);

public sealed record LowStockResolved(string Branch, string Sku, int OnHand, int OnOrder, int ReorderPoint, DateTimeOffset At,
    int InTransit = 0);

/// <summary>调出: units left this branch for another one (they are in transit until the other branch confirms).</summary>
public sealed record StockTransferredOut(string Branch, string Sku, int Quantity, int OnHand, string TransferId, string ToBranch,
    string By, DateTimeOffset At);

/// <summary>Units of a transfer from another branch are on their way here (not on hand yet, but counted as projected).</summary>
public sealed record TransferInbound(string Branch, string Sku, int Quantity, int InTransit, string TransferId, string FromBranch,
    DateTimeOffset At);

/// <summary>调入: the receiving branch confirmed a transfer; its units move from in transit to on hand.</summary>
public sealed record StockTransferredIn(string Branch, string Sku, int Quantity, int OnHand, int InTransit, string TransferId,
    string FromBranch, string By, DateTimeOffset At);

/// <summary>
/// What is still expected on one purchase order for this product changed. <paramref name="Outstanding"/> is absolute for
/// the order, <paramref name="OnOrder"/> the total over all orders.
/// </summary>
public sealed record OnOrderChanged(string Branch, string Sku, string PurchaseOrderId, int Outstanding, int OnOrder,
    OrderStage Stage, DateTimeOffset At);

/// <summary>How far a purchase order has got; a message about an earlier stage never overrides a later one.</summary>
public enum OrderStage { Placed, Confirmed, Received, Cancelled }

/// <summary>Units one purchase order still brings, and the stage that said so.</summary>
public sealed record OrderLine(int Outstanding, OrderStage Stage);

/// <summary>
/// 滞销: stock on hand, no sale for <paramref name="DaysWithoutSale"/> days (branch time) — found by the daily pass.
/// The next sale ends the episode (no event: a sale is the evidence).
/// </summary>
public sealed record SlowMoverDetected(string Branch, string Sku, string Name, string Spec, string Unit, int OnHand,
    int DaysWithoutSale, DateTimeOffset? LastSoldAt, int ThresholdDays, string AgeingBracket, decimal SellThrough, DateOnly Day,
    DateTimeOffset At);

/// <summary>The catalogue changed the product's details; this branch's stock now shows them.</summary>
public sealed record StockProductChanged(string Branch, string Sku, string Name, string Spec, string Unit, string Category,
    int PackSize, DateTimeOffset At);

/// <summary>The chain discontinued the product (停售): this branch's stock is sold off, not reordered.</summary>
public sealed record StockDiscontinued(string Branch, string Sku, DateTimeOffset At);

/// <summary>
/// The product's alert level at the branch moved (see <c>StockAlertRule</c>): the one alert fact that goes out, with every figure a
/// reader of the alert needs. <paramref name="Resolution"/> says why it closed (null while one is open).
/// </summary>
public sealed record StockAlertChanged(string Branch, string Sku, AlertLevel Level, AlertLevel Previous, AlertResolution? Resolution,
    string Name, string Spec, string Unit, int OnHand, int OnOrder, int InTransit, int? ReorderPoint, int? SuggestedQuantity,
    int? LeadTimeDays, DateTimeOffset At);

/// <summary>A product's stock alert at a branch: none, 低库存 or 缺货.</summary>
public enum AlertLevel { None, Low, Out }

/// <summary>Why an alert closed: stock on hand came back, an order or a transfer is coming, or there is nothing to alert against.</summary>
public enum AlertResolution { Restocked, OnOrder, InTransit, PolicyRemoved, Discontinued }

/// <summary>缺货: on hand went from above zero to zero.</summary>
public sealed record WentOutOfStock(string Branch, string Sku, string Name, string Spec, string Unit, int OnOrder, int InTransit,
    DateTimeOffset At);

/// <summary>
/// 聊天报数: someone reported the shelf count in a branch channel; the books are unchanged. Kept on the stream so the ledger
/// shows what was said against what the books held, and so the comparison goes out through the outbox.
/// </summary>
public sealed record StockObserved(string Branch, string Sku, string Name, string Spec, string Unit, int Reported, int OnHand, int OnOrder, int InTransit, int? Suggested,
    int? SystemSuggested, string ChannelId, string ChatMessageId, string ReplyMessageId, string By, DateTimeOffset At);

/// <summary>
/// 记为盘点数量: a spot count from chat is on the books (with a <see cref="StockAdjusted"/> of reason count before it when the
/// books differed). <paramref name="OnHand"/> is the counted figure.
/// </summary>
public sealed record SpotCountRecorded(string Branch, string Sku, string Unit, int Counted, int Delta, int OnHand, string ChatMessageId, string By,
    DateTimeOffset At);

/// <summary>
/// The daily pass computed this product's reorder point and max level from its sales (no explicit reorder point is set);
/// null when the history no longer supports one. Every figure behind it is in <see cref="ComputedPolicy"/>.
/// </summary>
public sealed record ReorderPolicyComputed(string Branch, string Sku, ComputedPolicy? Computed, DateTimeOffset At);

/// <summary>Why stock was corrected outside a sale or receipt.</summary>
public enum AdjustmentReason { Damage, Loss, Theft, Found, Correction, Count }

/// <summary>
/// 补货策略 of one product at one branch. Unset values mean "not decided yet": without a reorder point no low-stock
/// alert is raised.
/// </summary>
public sealed record ReorderPolicy(int? ReorderPoint, int? MaxLevel, int? LeadTimeDays, int? SlowMoverDays)
{
    public static readonly ReorderPolicy None = new(null, null, null, null);
}

/// <summary>What a stock stream copies from the catalogue when it opens.</summary>
public sealed record ProductFacts(string Sku, string Name, string Spec, string Unit, string Category, int PackSize)
{
    public static ProductFacts From(Product p) => new(p.Sku, p.Name, p.Spec, p.Unit, p.Category, p.PackSize);
}

/// <summary>Who is recording a change, and through what (api, a chat message id, a purchase order, a stocktake).</summary>
public sealed record Recorder(string By, string Source);

/// <summary>
/// The state the deciders need for one product at one branch. Immutable: every event yields a new state.
/// <see cref="Stocked"/>: the branch has held the product at some point (a receipt, or an adjustment that found some).
/// <see cref="Orders"/>: units still expected per purchase order (closed ones stay, at 0, so a late message cannot
/// reopen them); <see cref="OnOrder"/> is their sum. <see cref="Inbound"/>: units in transit to this branch per transfer.
/// <see cref="StockedAt"/>, <see cref="TotalSold"/> and <see cref="SlowMover"/> serve the daily slow-mover pass.
/// </summary>
public sealed record StockItem(string Id, string Branch, string Sku, ProductFacts Product, int OnHand, int OnOrder,
    ReorderPolicy Policy, bool AlertOpen, DateTimeOffset? LastSoldAt, bool Stocked, ImmutableDictionary<string, OrderLine> Orders,
    ImmutableDictionary<string, int> Inbound, DateTimeOffset? StockedAt = null, int TotalSold = 0, bool SlowMover = false, bool Discontinued = false,
    ComputedPolicy? Computed = null)
{
    public static string StreamId(string branch, string sku) => $"stock:{branch}:{sku}";

    public int InTransit => Inbound.Values.Sum();

    /// <summary>
    /// On hand + on order + in transit to this branch: what alerts and suggestions look at, so stock already ordered or
    /// on its way from another branch does not alert again.
    /// </summary>
    public int Projected => OnHand + OnOrder + InTransit;

    /// <summary>The reorder point alerts use: the explicit one, else the one computed from sales (null: no alerts).</summary>
    public int? ReorderPoint => Policy.ReorderPoint ?? Computed?.ReorderPoint;

    /// <summary>The lead time the reorder point counts on: the policy's, else the one the computation used (null: neither).</summary>
    public int? LeadTimeDays => Policy.LeadTimeDays ?? Computed?.LeadTimeDays;

    /// <summary>The max level suggestions fill up to: the explicit one, else (without an explicit reorder point) the computed one.</summary>
    public int? MaxLevel => Policy.MaxLevel ?? (Policy.ReorderPoint is null ? Computed?.MaxLevel : null);

    public static StockItem Create(StockItemOpened e) =>
        new(StreamId(e.Branch, e.Sku), e.Branch, e.Sku, new ProductFacts(e.Sku, e.Name, e.Spec, e.Unit, e.Category, e.PackSize),
            0, 0, ReorderPolicy.None, false, null, false, ImmutableDictionary<string, OrderLine>.Empty,
            ImmutableDictionary<string, int>.Empty);

    public StockItem Apply(StockReceived e) => this with { OnHand = e.OnHand, Stocked = true, StockedAt = StockedAt ?? e.At };

    public StockItem Apply(ItemsSold e) => this with
    {
        OnHand = e.OnHand,
        LastSoldAt = LastSoldAt is { } last && last > e.SoldAt ? last : e.SoldAt,
        TotalSold = TotalSold + e.Quantity,
        SlowMover = false,
    };

    public StockItem Apply(StockAdjusted e) =>
        this with { OnHand = e.OnHand, Stocked = Stocked || e.OnHand > 0, StockedAt = StockedAt ?? (e.OnHand > 0 ? e.At : null) };

    public StockItem Apply(SlowMoverDetected e) => this with { SlowMover = true };

    public StockItem Apply(StockReturned e) => this with { OnHand = e.OnHand };

    public StockItem Apply(ReorderPolicySet e) => this with { Policy = e.Policy };

    public StockItem Apply(ReorderPolicyComputed e) => this with { Computed = e.Computed };

    public StockItem Apply(StockDiscontinued e) => this with { Discontinued = true };

    public StockItem Apply(StockProductChanged e) =>
        this with { Product = new ProductFacts(e.Sku, e.Name, e.Spec, e.Unit, e.Category, e.PackSize) };

    public StockItem Apply(OnOrderChanged e) => this with
    {
        OnOrder = e.OnOrder,
        Orders = Orders.SetItem(e.PurchaseOrderId, new OrderLine(e.Outstanding, e.Stage)),
    };

    public StockItem Apply(StockTransferredOut e) => this with { OnHand = e.OnHand };

    public StockItem Apply(TransferInbound e) => this with { Inbound = Inbound.SetItem(e.TransferId, e.Quantity) };

    /// <summary>A receipt takes in some or all of a transfer's units on their way (a partial receipt leaves the rest in transit).</summary>
    public StockItem Apply(StockTransferredIn e) =>
        this with
        {
            OnHand = e.OnHand, Stocked = true, StockedAt = StockedAt ?? e.At,
            Inbound = Inbound.GetValueOrDefault(e.TransferId) > e.Quantity
                ? Inbound.SetItem(e.TransferId, Inbound[e.TransferId] - e.Quantity)
                : Inbound.Remove(e.TransferId),
        };

    public StockItem Apply(LowStockDetected e) => this with { AlertOpen = true };

    public StockItem Apply(LowStockResolved e) => this with { AlertOpen = false };
}

/// <summary>
/// A stock stream's <see cref="StockItem"/> at a version, stored with every change made through
/// <see cref="StockStream.DecideStock"/>: a sale reads it instead of folding the stream's whole history.
/// </summary>
public sealed record StockSnapshot(string Id, long Version, StockItem State)
    : Stationery.Hosting.EventSourcing.IStreamSnapshot<StockSnapshot, StockItem>
{
    public static StockSnapshot Of(string streamId, long version, StockItem state) => new(streamId, version, state);
}
