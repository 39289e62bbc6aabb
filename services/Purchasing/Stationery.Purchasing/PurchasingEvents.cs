using JasperFx.Events;
using Stationery.Hosting.Messaging;
using Stationery.Purchasing.PurchaseLists;
using Stationery.Purchasing.PurchaseOrders;
using Stationery.Purchasing.Suppliers;
using C = Stationery.Contracts.Purchasing;

namespace Stationery.Purchasing;

/// <summary>
/// Domain events of this service that become public contracts. Unit costs never leave the service: every consumer of these
/// events (chat cards in shared channels, integrators) would otherwise see cost data. A recorded quote is announced without its price.
/// </summary>
public sealed class PurchasingEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data switch
    {
        SupplierRegistered s => new C.SupplierRegistered(e.TenantId, s.SupplierId, s.Name, s.Contact, s.LeadTimeDays, s.Categories, s.At),
        PurchaseListItemAdded i => new C.PurchaseListItemAdded(e.TenantId, i.Branch, i.ItemId, i.Sku, i.Name, i.Spec, i.Unit, i.Quantity,
            i.Note, i.Source.ToString().ToLowerInvariant(), i.RequestedBy, i.ChatMessageId, i.At),
        PurchaseOrderPlaced p => new C.PurchaseOrderPlaced(e.TenantId, p.Branch, p.OrderId, p.SupplierId, p.SupplierName,
            p.Lines.Select(l => new C.PurchaseOrderLine(l.Sku, l.Name, l.Spec, l.Unit, l.Quantity)).ToList(), p.ExpectedBy, p.By, p.ByName, p.At),
        PurchaseOrderConfirmed c => new C.PurchaseOrderConfirmed(e.TenantId, c.Branch, c.OrderId, c.SupplierId, c.SupplierName,
            c.Lines.Select(l => new C.ConfirmedOrderLine(l.Sku, l.Name, l.Unit, l.Ordered, l.Confirmed)).ToList(), c.QuantitiesChanged,
            c.By, c.ByName, c.At) { ExpectedBy = c.ExpectedBy, OrderedExpectedBy = c.WasExpectedBy },
        GoodsReceived r => new C.GoodsReceived(e.TenantId, r.Branch, r.OrderId, r.ReceiptId, r.SupplierId, r.SupplierName,
            r.Lines.Select(l => new C.ReceivedLine(l.Sku, l.Name, l.Unit, l.Quantity, l.ReceivedTotal, l.Expected, l.Damaged)).ToList(), r.OrderCompleted,
            r.By, r.ByName, r.At),
        DeliveryDiscrepancyRaised d => new C.DeliveryDiscrepancyRaised(e.TenantId, d.Branch, d.OrderId, d.ReceiptId, d.SupplierId, d.SupplierName,
            d.Lines.Select(l => new C.DiscrepancyLine(l.Sku, l.Name, l.Unit, l.Ordered, l.Confirmed, l.Received, l.Damaged)).ToList(), d.At),
        PurchaseOrderCancelled x => new C.PurchaseOrderCancelled(e.TenantId, x.Branch, x.OrderId, x.SupplierId, x.SupplierName, x.Reason,
            x.Outstanding.Select(l => new C.PurchaseOrderLine(l.Sku, l.Name, l.Spec, l.Unit, l.Quantity)).ToList(), x.By, x.ByName, x.At),
        DeliveryAnnounced a => new C.DeliveryAnnounced(e.TenantId, a.Branch, a.OrderId, a.SupplierId, a.SupplierName, a.ExpectedOn,
            a.Lines.Select(l => new C.AnnouncedLine(l.Sku, l.Name, l.Unit, l.Quantity)).ToList(), a.Note, a.By, a.ByName, a.At),
        // Without the price: only that a quote exists (Chat closes the card it was confirmed on).
        QuoteRecorded q => new C.SupplierQuoteRecorded(e.TenantId, q.SupplierId, q.Sku, q.MinOrderQty, q.ValidUntil, q.By, q.ChatMessageId, q.At),
        _ => null,
    };
}
