using Marten;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Purchasing.Catalogue;

namespace Stationery.Purchasing.PurchaseLists.Adding;

/// <summary>A chat card's <c>加入采购清单</c> button: the item goes on the list exactly as requested.</summary>
public sealed class PurchaseRequestedFromChatConsumer(IDocumentStore store, TimeProvider clock, ILogger<PurchaseRequestedFromChatConsumer> log)
    : IdempotentConsumer<PurchaseRequestedFromChat>(store, log)
{
    protected override async Task Apply(IDocumentSession session, PurchaseRequestedFromChat m, ConsumeContext<PurchaseRequestedFromChat> context)
    {
        if (m.Quantity <= 0)
        {
            // Chat validates the button's quantity; a bad one cannot be fixed by retrying, so it is recorded and dropped.
            log.LogWarning("Ignoring purchase request {MessageId} from chat message {ChatMessageId}: quantity {Quantity}",
                context.MessageId, m.ChatMessageId, m.Quantity);
            return;
        }
        var ct = context.CancellationToken;
        var product = await session.LoadAsync<ProductCopy>(m.Sku, ct) ?? ProductCopy.Unknown(m.Sku);
        var command = new AddToPurchaseList.Command(m.BranchId, PurchaseList.NewItemId(), product, m.Quantity, "来自聊天",
            ItemSource.Chat, m.RequestedBy, m.ChatMessageId, null);
        await session.Decide<PurchaseList>(PurchaseList.StreamId(m.BranchId), _ => AddToPurchaseList.Decide(command, clock.GetUtcNow()), ct);
    }
}
