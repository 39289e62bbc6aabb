namespace Stationery.Purchasing.PurchaseOrders;

// Domain events of a purchase order stream (stream id = the order number, e.g. PO-20260301-3F9A1C). Each event carries the
// branch, the supplier and the product names, so it reads on its own in the timeline, the outbox and a rebuild.

/// <summary>Where an order is in its life: 已下单 → 已确认 → 部分到货 → 已到货, or 已取消.</summary>
public enum PurchaseOrderStatus { Placed, Confirmed, PartiallyReceived, Received, Cancelled }

/// <summary>A product as ordered. <see cref="UnitCost"/> is the quoted cost at ordering time, if there was a valid quote.</summary>
public sealed record OrderedLine(string Sku, string Name, string Spec, string Unit, int Quantity, decimal? UnitCost);

public sealed record ConfirmedLine(string Sku, string Name, string Unit, int Ordered, int Confirmed);

/// <summary>
/// A product in one delivery. <see cref="Quantity"/> and <see cref="ReceivedTotal"/> count sound units only (what goes into
/// stock); <see cref="Damaged"/> units arrived broken (破损) in this delivery and count as not delivered.
/// </summary>
public sealed record ReceivedLine(string Sku, string Name, string Unit, int Quantity, int ReceivedTotal, int Expected, int Damaged = 0);

/// <summary>Ordered, confirmed and received (sound) figures of a line that differs; <see cref="Damaged"/> is the line's damaged total.</summary>
public sealed record DiscrepancyLine(string Sku, string Name, string Unit, int Ordered, int? Confirmed, int Received, int Damaged = 0);

public sealed record OutstandingLine(string Sku, string Name, string Spec, string Unit, int Quantity);

public sealed record PurchaseOrderPlaced(string OrderId, string Branch, string SupplierId, string SupplierName,
    IReadOnlyList<OrderedLine> Lines, DateOnly ExpectedBy, string By, string ByName, DateTimeOffset At);

/// <summary>
/// The supplier confirmed the order. <see cref="ExpectedBy"/> is the delivery day agreed by the confirmation and
/// <see cref="WasExpectedBy"/> the day the order asked for (both null in confirmations recorded before dates could change).
/// </summary>
public sealed record PurchaseOrderConfirmed(string OrderId, string Branch, string SupplierId, string SupplierName,
    IReadOnlyList<ConfirmedLine> Lines, string By, string ByName, DateTimeOffset At, DateOnly? ExpectedBy = null, DateOnly? WasExpectedBy = null)
{
    public bool QuantitiesChanged => Lines.Any(l => l.Confirmed != l.Ordered);

    public bool DateChanged => ExpectedBy is { } agreed && WasExpectedBy is { } asked && agreed != asked;
}

public sealed record GoodsReceived(string OrderId, string ReceiptId, string Branch, string SupplierId, string SupplierName,
    IReadOnlyList<ReceivedLine> Lines, bool OrderCompleted, string By, string ByName, DateTimeOffset At);

public sealed record DeliveryDiscrepancyRaised(string OrderId, string ReceiptId, string Branch, string SupplierId, string SupplierName,
    IReadOnlyList<DiscrepancyLine> Lines, DateTimeOffset At);

public sealed record PurchaseOrderCancelled(string OrderId, string Branch, string SupplierId, string SupplierName, string? Reason,
    IReadOnlyList<OutstandingLine> Outstanding, string By, string ByName, DateTimeOffset At);

/// <summary>A product a supplier announced it is sending.</summary>
public sealed record AnnouncedLine(string Sku, string Name, string Unit, int Quantity);

/// <summary>The supplier announced a delivery (发货通知): what is on its way and the day it should arrive.</summary>
public sealed record DeliveryAnnounced(string OrderId, string Branch, string SupplierId, string SupplierName, DateOnly ExpectedOn,
    IReadOnlyList<AnnouncedLine> Lines, string? Note, string By, string ByName, DateTimeOffset At);

/// <summary>One order line and how far it has come.</summary>
public sealed record PurchaseOrderLine(string Sku, string Name, string Spec, string Unit, int Ordered, int? Confirmed, int Received,
    decimal? UnitCost, int Damaged = 0)
{
    /// <summary>What should arrive: the confirmed quantity once the supplier confirmed, the ordered one before.</summary>
    public int Expected => Confirmed ?? Ordered;

    public int Outstanding => Math.Max(Expected - Received, 0);
}

/// <summary>A purchase order (采购单): the state the deciders need, and the inline snapshot queries read.</summary>
public sealed record PurchaseOrder(string Id, string Branch, string SupplierId, string SupplierName, PurchaseOrderStatus Status,
    IReadOnlyList<PurchaseOrderLine> Lines, DateOnly ExpectedBy, string PlacedBy, DateTimeOffset PlacedAt, int Receipts,
    DateTimeOffset? FirstReceivedAt = null, DateTimeOffset? LastReceivedAt = null, DateOnly? AnnouncedDeliveryOn = null,
    DateOnly? OrderedExpectedBy = null)
{
    /// <summary>The delivery day the order asked for when it was placed (<see cref="ExpectedBy"/> is the agreed one).</summary>
    public DateOnly AskedExpectedBy => OrderedExpectedBy ?? ExpectedBy;

    public bool IsOpen => Status is PurchaseOrderStatus.Placed or PurchaseOrderStatus.Confirmed or PurchaseOrderStatus.PartiallyReceived;

    public static PurchaseOrder Create(PurchaseOrderPlaced e) =>
        new(e.OrderId, e.Branch, e.SupplierId, e.SupplierName, PurchaseOrderStatus.Placed,
            e.Lines.Select(l => new PurchaseOrderLine(l.Sku, l.Name, l.Spec, l.Unit, l.Quantity, null, 0, l.UnitCost)).ToList(),
            e.ExpectedBy, e.By, e.At, 0, OrderedExpectedBy: e.ExpectedBy);

    public PurchaseOrder Apply(PurchaseOrderConfirmed e) => this with
    {
        Status = PurchaseOrderStatus.Confirmed,
        Lines = Lines.Select(l => l with { Confirmed = e.Lines.FirstOrDefault(c => c.Sku == l.Sku)?.Confirmed ?? l.Ordered }).ToList(),
        ExpectedBy = e.ExpectedBy ?? ExpectedBy,
    };

    public PurchaseOrder Apply(GoodsReceived e) => this with
    {
        Status = e.OrderCompleted ? PurchaseOrderStatus.Received : PurchaseOrderStatus.PartiallyReceived,
        Lines = Lines.Select(l => e.Lines.FirstOrDefault(r => r.Sku == l.Sku) is { } r
            ? l with { Received = r.ReceivedTotal, Damaged = l.Damaged + r.Damaged }
            : l).ToList(),
        Receipts = Receipts + 1,
        FirstReceivedAt = FirstReceivedAt ?? e.At,
        LastReceivedAt = e.At,
    };

    public PurchaseOrder Apply(PurchaseOrderCancelled e) => this with { Status = PurchaseOrderStatus.Cancelled };

    public PurchaseOrder Apply(DeliveryAnnounced e) => this with { AnnouncedDeliveryOn = e.ExpectedOn };

    /// <summary>Words in the order's chat thread change nothing about the order; they are on its timeline.</summary>
    public PurchaseOrder Apply(Discussing.ChatMessageRecorded e) => this;

    /// <summary>PO-yyyyMMdd-XXXXXX: readable on a phone and in a supplier's chat, unique without a counter.</summary>
    public static string NewId(DateTimeOffset now) => $"PO-{now:yyyyMMdd}-{Guid.NewGuid():N}"[..18].ToUpperInvariant();
}
