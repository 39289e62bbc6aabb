using Marten;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;

namespace Stationery.Purchasing.PurchaseOrders.Confirming;

/// <summary>
/// 确认订单 pressed on the order's card in the supplier's chat channel: the order is confirmed as ordered (with the delivery
/// day the supplier picked on the card, if it picked one), by the same decider as the API. Chat lets only the order's supplier press it; a request naming another supplier is dropped. A request the
/// rules refuse (already confirmed on the web, cancelled meanwhile) is logged and dropped: retrying cannot change the answer,
/// and the card learns the order's real state from the order's own events.
/// </summary>
public sealed class PurchaseOrderConfirmationRequestedFromChatConsumer(IDocumentStore store, TimeProvider clock,
    ILogger<PurchaseOrderConfirmationRequestedFromChatConsumer> log)
    : IdempotentConsumer<PurchaseOrderConfirmationRequestedFromChat>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseOrderConfirmationRequestedFromChat m,
        ConsumeContext<PurchaseOrderConfirmationRequestedFromChat> context)
    {
        var command = new ConfirmPurchaseOrder.Command([], m.RequestedBy, m.RequestedByName, m.ExpectedBy);
        try
        {
            await session.Decide<PurchaseOrder>(m.PurchaseOrderId, po => po is null || po.SupplierId != m.SupplierId
                ? throw new NotFoundException("采购单 purchase order", m.PurchaseOrderId)
                : ConfirmPurchaseOrder.Decide(po, command, clock.GetUtcNow()), context.CancellationToken);
        }
        catch (DomainException refused)
        {
            log.LogWarning("Confirmation of {Order} from chat message {ChatMessageId} refused: {Reason}", m.PurchaseOrderId, m.ChatMessageId,
                refused.Message);
        }
    }
}
