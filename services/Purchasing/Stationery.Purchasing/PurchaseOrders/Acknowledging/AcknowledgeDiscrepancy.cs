using Marten;
using MassTransit;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using C = Stationery.Contracts.Purchasing;

namespace Stationery.Purchasing.PurchaseOrders.Acknowledging;

/// <summary>The supplier answered a delivery discrepancy: 补发 (<c>backorder</c>) or 开红字发票 (<c>credit-note</c>).</summary>
public sealed record DeliveryDiscrepancyAcknowledged(string OrderId, string ReceiptId, string SupplierId, string Settlement, string By,
    string ByName, DateTimeOffset At);

/// <summary>A supplier's acknowledgement goes on the order's timeline, next to the discrepancy it answers.</summary>
public static class AcknowledgeDiscrepancy
{
    public static readonly IReadOnlyList<string> Settlements = ["backorder", "credit-note"];

    public sealed record Command(string ReceiptId, string SupplierId, string Settlement, string By, string ByName);

    /// <summary>Nothing for an order that is not the supplier's or an unknown settlement: the answer was not theirs to give.</summary>
    public static IReadOnlyList<object> Decide(PurchaseOrder? po, Command c, DateTimeOffset now) =>
        po is null || po.SupplierId != c.SupplierId || !Settlements.Contains(c.Settlement)
            ? []
            : [new DeliveryDiscrepancyAcknowledged(po.Id, c.ReceiptId, c.SupplierId, c.Settlement, c.By, c.ByName, now)];
}

/// <summary>Chat's 补发 / 开红字发票 buttons on a discrepancy card.</summary>
public sealed class DeliveryDiscrepancyAcknowledgedConsumer(IDocumentStore store, TimeProvider clock, ILogger<DeliveryDiscrepancyAcknowledgedConsumer> log)
    : IdempotentConsumer<C.DeliveryDiscrepancyAcknowledged>(store, log)
{
    protected override async Task Apply(IDocumentSession session, C.DeliveryDiscrepancyAcknowledged m, ConsumeContext<C.DeliveryDiscrepancyAcknowledged> context)
    {
        var command = new AcknowledgeDiscrepancy.Command(m.ReceiptId, m.SupplierId, m.Settlement, m.AcknowledgedBy, m.AcknowledgedByName);
        var events = await session.Decide<PurchaseOrder>(m.PurchaseOrderId, po => AcknowledgeDiscrepancy.Decide(po, command, clock.GetUtcNow()),
            context.CancellationToken);
        if (events.Count == 0)
            log.LogWarning("Ignoring acknowledgement of {Order} by {Supplier} ({Settlement}): not that supplier's order, or unknown settlement",
                m.PurchaseOrderId, m.SupplierId, m.Settlement);
    }
}
