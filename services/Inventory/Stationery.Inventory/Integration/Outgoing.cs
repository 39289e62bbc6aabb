using JasperFx.Events;
using Stationery.Hosting.Messaging;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stocktakes;
using Stationery.Inventory.Transfers;
using Contract = Stationery.Contracts.Inventory;

namespace Stationery.Inventory.Integration;

/// <summary>
/// The domain events Inventory publishes as contracts (via the outbox forwarder, MessageId = event id). Stream openings
/// and policy changes stay inside the service, and so do <see cref="LowStockDetected"/>, <see cref="LowStockResolved"/> and
/// <see cref="WentOutOfStock"/>: the one alert fact out is <see cref="StockAlertChanged"/>, its version the stock stream's.
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
            StockAlertChanged a => new Contract.StockAlertChanged(tenant, a.Branch, a.Sku, Wire(a.Level), Wire(a.Previous),
                a.Resolution is { } why ? Wire(why) : null, a.Name, a.Spec, a.Unit, a.OnHand, a.OnOrder, a.InTransit, a.ReorderPoint,
                a.SuggestedQuantity, a.LeadTimeDays, e.Version, a.At),
            SlowMoverDetected m => new Contract.SlowMoverDetected(tenant, m.Branch, m.Sku, m.Name, m.Spec, m.Unit, m.OnHand,
                m.DaysWithoutSale, m.LastSoldAt, m.ThresholdDays, m.AgeingBracket, m.SellThrough, m.At),
            StockObserved o => new Contract.StockObservationCompared(tenant, o.Branch, o.Sku, o.Name, o.Spec, o.Unit, o.Reported,
                o.OnHand, o.Reported - o.OnHand, o.OnOrder, o.InTransit, o.Suggested, o.SystemSuggested, o.ChannelId, o.ChatMessageId,
                o.ReplyMessageId, o.By, o.At),
            SpotCountRecorded c => new Contract.SpotCountRecorded(tenant, c.Branch, c.Sku, c.Unit, c.Counted, c.Delta, c.OnHand, c.By,
                c.ChatMessageId, c.At),
            TransferDispatched t => new Contract.TransferDispatched(tenant, t.Id, t.FromBranch, t.ToBranch, Lines(t.Lines), t.Note, t.By, t.At),
            // Receipts recorded before transfers were published lack the sender; nobody was waiting for them.
            TransferReceived { FromBranch: { } from } r => new Contract.TransferReceived(tenant, r.Id, from, r.ToBranch, Lines(r.Lines ?? []),
                Lines(r.Outstanding ?? []), r.By, r.At) { ChatMessageId = r.ChatMessageId },
            TransferReceiptRefused r => new Contract.TransferReceiptRefused(tenant, r.Branch, r.Id, r.Reason, r.Explanation, r.By,
                r.ChatMessageId, r.At),
            Stocktakes.StocktakeOpened o => new Contract.StocktakeOpened(tenant, o.Branch, o.Id, o.Kind, o.Blind,
                [.. o.Zones.Select(z => new Contract.StocktakeZone(z.ZoneId, z.Name, z.Covers, o.Items.Count(i => i.ZoneId == z.ZoneId),
                    [.. z.Counters.Select(c => new Contract.StocktakeCounter(c.UserId, c.Name))]))], o.By, o.At),
            Stocktakes.StocktakeZoneFinished f => new Contract.StocktakeZoneFinished(tenant, f.Branch, f.Id, f.ZoneId, f.ZoneName, f.SkusCounted,
                [.. f.Variances.Select(v => new Contract.StocktakeVariance(v.Sku, v.Name, v.Spec, v.Unit, v.Expected, v.Counted, v.NeedsRecount))],
                f.AccuracyUnits, f.By, f.At),
            Stocktakes.StocktakeVarianceExplained x => new Contract.StocktakeVarianceExplained(tenant, x.Branch, x.Id, x.ZoneId, x.Sku, x.Reason,
                x.Note, x.By, x.ChatMessageId, x.At),
            Stocktakes.StocktakeCompleted c => new Contract.StocktakeCompleted(tenant, c.Branch, c.Id, c.Kind, c.Figures.SkusCounted,
                c.Figures.ExpectedUnits, c.Figures.VarianceUnits, c.Figures.AccuracyUnits, c.Figures.ExpectedValue, c.Figures.VarianceValue,
                c.Figures.AccuracyValue, c.Adjustments, c.By, c.At),
            Stocktakes.StocktakeCancelled c => new Contract.StocktakeCancelled(tenant, c.Branch, c.Id, c.By, c.At),
            // Counts from the app need no answer; a count from chat is answered on its card (never with the book figure).
            StocktakeCounted { ChatMessageId: { } message, ReplyMessageId: { } reply } c => new Contract.StocktakeCountAnswered(tenant, c.Branch,
                c.Id, c.Sku, c.Quantity, "recorded", c.ZoneName,
                c.Replaced is { } before
                    ? $"已计入 {c.ZoneName}（你的新数量 {c.Quantity} 替换了之前的 {before}） (counted toward {c.ZoneName}; replaces your earlier count of {before})"
                    : $"已计入 {c.ZoneName} (counted toward {c.ZoneName})",
                message, reply, c.At),
            StocktakeCountRefused r => new Contract.StocktakeCountAnswered(tenant, r.Branch, r.Id, r.Sku, r.Counted, "refused", null, r.Explanation,
                r.ChatMessageId, r.ReplyMessageId, r.At),
            StocktakeExplanationRefused r => new Contract.StocktakeChatRefused(tenant, r.Branch, r.Id, r.Sku, r.Explanation, r.By, r.ChatMessageId, r.At),
            _ => null,
        };
    }

    private static IReadOnlyList<Contract.TransferredLine> Lines(IReadOnlyList<TransferLine> lines) =>
        [.. lines.Select(l => new Contract.TransferredLine(l.Sku, l.Name, l.Spec, l.Unit, l.Quantity))];

    private static string Wire(AlertLevel level) => level switch
    {
        AlertLevel.Low => Contract.StockAlertState.Low,
        AlertLevel.Out => Contract.StockAlertState.Out,
        _ => Contract.StockAlertState.Resolved,
    };

    private static string Wire(AlertResolution why) => why switch
    {
        AlertResolution.Restocked => Contract.StockAlertResolution.Restocked,
        AlertResolution.OnOrder => Contract.StockAlertResolution.OnOrder,
        AlertResolution.InTransit => Contract.StockAlertResolution.InTransit,
        AlertResolution.PolicyRemoved => Contract.StockAlertResolution.PolicyRemoved,
        _ => Contract.StockAlertResolution.Discontinued,
    };
}
