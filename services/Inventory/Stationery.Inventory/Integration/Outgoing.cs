using JasperFx.Events;
using Stationery.Hosting.Messaging;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;
using Contract = Stationery.Contracts.Inventory;

namespace Stationery.Inventory.Integration;

/// <summary>
/// The domain events Inventory publishes as contracts (via the outbox forwarder, MessageId = event id). Stream openings
/// and policy changes stay inside the service.
/// </summary>
public sealed class Outgoing : IIntegrationEventMap
{
    public object? Map(IEvent e)
    {
        var tenant = e.TenantId;
        return e.Data switch
        {
            ProductRegistered p => new Contract.ProductRegistered(tenant, p.Sku, p.Name, p.Spec, p.Brand, p.Category, p.Unit,
                p.Barcode, p.RetailPrice, p.PackSize, p.At),
            // An update is published as a complete ProductRegistered, as the contract says, so copies are replaced whole.
            ProductUpdated p => new Contract.ProductRegistered(tenant, p.Sku, p.Name, p.Spec, p.Brand, p.Category, p.Unit,
                p.Barcode, p.RetailPrice, p.PackSize, p.At),
            ProductDiscontinued d => new Contract.ProductDiscontinued(tenant, d.Sku, d.Reason, d.At),
            StockReceived r => new Contract.StockReceived(tenant, r.Branch, r.Sku, r.Quantity, r.OnHand, r.Reference, r.At),
            ItemsSold s => new Contract.ItemsSold(tenant, s.Branch, s.Sku, s.Quantity, s.UnitPrice, s.OnHand, s.Reference,
                s.SoldAt, s.At),
            StockAdjusted a => new Contract.StockAdjusted(tenant, a.Branch, a.Sku, a.Delta, a.Reason.ToString().ToLowerInvariant(),
                a.Note, a.OnHand, a.At),
            StockReturned r => new Contract.StockReturnedToSupplier(tenant, r.Branch, r.Sku, r.Quantity, r.OnHand, r.Reference,
                r.SupplierId, r.Reason, r.At),
            LowStockDetected d => new Contract.LowStockDetected(tenant, d.Branch, d.Sku, d.Name, d.Spec, d.Unit, d.OnHand,
                d.ReorderPoint, d.SuggestedQuantity, d.At, d.LeadTimeDays),
            LowStockResolved r => new Contract.LowStockResolved(tenant, r.Branch, r.Sku, r.OnHand, r.ReorderPoint, r.At),
            WentOutOfStock o => new Contract.OutOfStock(tenant, o.Branch, o.Sku, o.Name, o.Spec, o.Unit, o.OnOrder, o.InTransit, o.At),
            SlowMoverDetected m => new Contract.SlowMoverDetected(tenant, m.Branch, m.Sku, m.Name, m.Spec, m.Unit, m.OnHand,
                m.DaysWithoutSale, m.LastSoldAt, m.ThresholdDays, m.AgeingBracket, m.SellThrough, m.At),
            StockObserved o => new Contract.StockObservationCompared(tenant, o.Branch, o.Sku, o.Name, o.Spec, o.Unit, o.Reported,
                o.OnHand, o.Reported - o.OnHand, o.OnOrder, o.InTransit, o.Suggested, o.SystemSuggested, o.ChannelId, o.ChatMessageId,
                o.ReplyMessageId, o.By, o.At),
            SpotCountRecorded c => new Contract.SpotCountRecorded(tenant, c.Branch, c.Sku, c.Unit, c.Counted, c.Delta, c.OnHand, c.By,
                c.ChatMessageId, c.At),
            _ => null,
        };
    }
}
