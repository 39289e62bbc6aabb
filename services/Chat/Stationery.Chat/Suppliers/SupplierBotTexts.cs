using System.Globalization;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Messages.Cards;
using Stationery.Contracts.Purchasing;

namespace Stationery.Chat.Suppliers;

/// <summary>
/// Every line and card the bot writes in supplier channels. Like the stock bot's texts: zh-CN, or English with
/// <c>Chat:BotLanguage = en</c>. Cost figures never appear: the purchasing contracts carry none.
/// </summary>
public abstract class SupplierBotTexts
{
    public abstract string BotName { get; }

    public abstract string OrderPlaced(PurchaseOrderPlaced po, string branchName, IReadOnlyList<string> mentionNames);

    /// <summary>The card's field label of each order line, by SKU.</summary>
    public static Dictionary<string, string> LineLabels(PurchaseOrderPlaced po) =>
        po.Lines.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => LineName(g.First().ProductName, g.First().Spec), StringComparer.Ordinal);

    public Card OrderCard(PurchaseOrderPlaced po, string branchName) =>
        new("purchase-order", OrderTitle(po.PurchaseOrderId, branchName),
            [new(BranchLabel, branchName), .. po.Lines.Select(l => new CardField(LineName(l.ProductName, l.Spec), $"{l.Quantity} {l.Unit}")),
                new(ExpectedLabel, po.ExpectedBy.ToString("yyyy-MM-dd")), new(PlacedByLabel, po.PlacedByName)],
            [new CardAction(CardActions.ConfirmOrder, ConfirmButton, "primary", null, ForSupplier: true)],
            Card.Open, null, null, po.BranchId, null, po.PurchaseOrderId, po.SupplierId);

    /// <summary>The order card once confirmed: confirmed figures and the agreed day in place of the ordered ones, and who confirmed.</summary>
    /// <param name="lineLabels">The card's field label of each order line, by SKU.</param>
    public Card Confirmed(Card card, PurchaseOrderConfirmed c, IReadOnlyDictionary<string, string> lineLabels) => card with
    {
        Fields = [.. card.Fields.Select(f => c.Lines.FirstOrDefault(l => lineLabels.GetValueOrDefault(l.Sku) == f.Label) is { } line
                                             && line.ConfirmedQuantity != line.OrderedQuantity
            ? f with { Value = ConfirmedChanged(line) }
            : f.Label == ExpectedLabel && c.DateChanged ? f with { Value = DateChangedValue(c.ExpectedBy!.Value, c.OrderedExpectedBy!.Value) } : f)],
        Status = Card.Done, ResolvedBy = c.ConfirmedByName, Resolution = ConfirmedOutcome(c),
    };

    /// <summary>What the order card says once confirmed: as ordered, or what changed.</summary>
    public string ConfirmedOutcome(PurchaseOrderConfirmed c) => (c.QuantitiesChanged, c.DateChanged) switch
    {
        (true, true) => ConfirmedWithChangedQuantitiesAndDate,
        (true, false) => ConfirmedWithChanges,
        (false, true) => ConfirmedWithChangedDate,
        _ => ConfirmedAsOrdered,
    };

    public abstract string ConfirmedAsOrdered { get; }

    public abstract string ConfirmedWithChanges { get; }

    protected abstract string ConfirmedWithChangedDate { get; }

    protected abstract string ConfirmedWithChangedQuantitiesAndDate { get; }

    /// <summary>The owner's heads-up when the supplier confirmed other quantities or another delivery day than ordered.</summary>
    public abstract string Changed(PurchaseOrderConfirmed c, IReadOnlyList<string> mentionNames);

    /// <summary>The record in the order's thread of a confirmation as ordered: who confirmed what (and the agreed day).</summary>
    public abstract string ConfirmedNote(PurchaseOrderConfirmed c);

    /// <summary>A discrepancy card's link to the order card (the order as sent).</summary>
    public abstract string OrderLinkLabel { get; }

    /// <summary>A discrepancy card's link to the confirmation note.</summary>
    public abstract string ConfirmationLinkLabel(string? confirmedBy);

    protected abstract string DateChangedValue(DateOnly agreed, DateOnly asked);

    public abstract string Cancelled(string? reason);

    public abstract string CancelledNote(PurchaseOrderCancelled x, IReadOnlyList<string> mentionNames);

    public abstract string Received(GoodsReceived r, string branchName);

    public abstract string Discrepancy(DeliveryDiscrepancyRaised d, string branchName, IReadOnlyList<string> mentionNames);

    public Card DiscrepancyCard(DeliveryDiscrepancyRaised d, string branchName) =>
        new("delivery-discrepancy", DiscrepancyTitle(d.PurchaseOrderId),
            [new(BranchLabel, branchName), .. d.Lines.Select(l => new CardField(l.ProductName, DiscrepancyFigures(l)))],
            [
                new CardAction(CardActions.AcknowledgeBackorder, BackorderButton, "primary", null, ForSupplier: true),
                new CardAction(CardActions.AcknowledgeCreditNote, CreditNoteButton, "default", null, ForSupplier: true),
            ],
            Card.Open, null, null, d.BranchId, null, d.PurchaseOrderId, d.SupplierId, d.ReceiptId);

    /// <summary>A recognised quote: what the bot understood, for an owner or hq to confirm (确认报价).</summary>
    public const string QuoteCardKind = "supplier-quote";

    public Card QuoteCard(string supplierId, CatalogueItem product, PostedQuote q, QuoteTerms terms) =>
        new(QuoteCardKind, QuoteTitle,
            [
                new(ProductLabel, $"{LineName(product.Name, product.Spec)}({product.Id})"),
                new(PriceLabel, $"¥{q.UnitPrice.ToString("0.00##", CultureInfo.InvariantCulture)} / {product.Unit}", Priced: true),
                new(MinOrderLabel, $"{q.MinOrderQty} {product.Unit}"),
                .. q.PackSize is { } pack ? [new CardField(PackSizeLabel, PackSizeValue(pack, product.Unit))] : Array.Empty<CardField>(),
                new(ValidUntilLabel, q.ValidUntil is { } d ? d.ToString("yyyy-MM-dd") : ValidUntilDefault),
            ],
            [new CardAction(CardActions.ConfirmQuote, ConfirmQuoteButton, "primary", null)],
            Card.Open, null, null, null, product.Id, null, supplierId, null, terms);

    public abstract string RecordingQuote { get; }

    /// <summary>The note left in the order channel where a price message was written: where it went, and why.</summary>
    public abstract string PriceMessageMoved(string authorName, string priceChannelName);

    /// <summary>The supplier's 发货通知, told to the buyers in the order's thread.</summary>
    public abstract string DeliveryAnnounced(DeliveryAnnounced a, string branchName, IReadOnlyList<string> mentionNames);

    public abstract string QuoteText(string authorName, CatalogueItem product, IReadOnlyList<string> mentionNames);

    public abstract string QuoteRecorded(DateOnly validUntil);

    public abstract string QuoteExpired(PostedQuote q);

    public abstract string QuoteAmbiguous(string written, IReadOnlyList<string> candidates);

    public abstract string QuoteUnknownProduct(string written);

    protected abstract string QuoteTitle { get; }

    protected abstract string ProductLabel { get; }

    protected abstract string PriceLabel { get; }

    protected abstract string MinOrderLabel { get; }

    protected abstract string PackSizeLabel { get; }

    protected abstract string PackSizeValue(int pack, string unit);

    protected abstract string ValidUntilLabel { get; }

    protected abstract string ValidUntilDefault { get; }

    protected abstract string ConfirmQuoteButton { get; }

    protected abstract string OrderTitle(string id, string branchName);

    protected abstract string BranchLabel { get; }

    protected abstract string ExpectedLabel { get; }

    protected abstract string PlacedByLabel { get; }

    protected abstract string ConfirmButton { get; }

    protected abstract string ConfirmedChanged(ConfirmedOrderLine line);

    protected abstract string DiscrepancyTitle(string id);

    protected abstract string DiscrepancyFigures(DiscrepancyLine line);

    protected abstract string BackorderButton { get; }

    protected abstract string CreditNoteButton { get; }

    public static SupplierBotTexts For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? new English() : new Chinese();

    protected static string LineName(string name, string spec) => string.IsNullOrWhiteSpace(spec) ? name : $"{name} {spec}";

    protected static string Mentions(IReadOnlyList<string> names) => string.Join(" ", names.Select(n => "@" + n));

    private sealed class Chinese : SupplierBotTexts
    {
        public override string BotName => "采购助手";

        public override string OrderPlaced(PurchaseOrderPlaced po, string branchName, IReadOnlyList<string> mentionNames) =>
            $"🧾 新采购单 {po.PurchaseOrderId}({branchName}):{string.Join(",", po.Lines.Select(l => $"{LineName(l.ProductName, l.Spec)} {l.Quantity} {l.Unit}"))}," +
            $"预计 {po.ExpectedBy:yyyy-MM-dd} 到货 {Mentions(mentionNames)}".TrimEnd();

        public override string ConfirmedAsOrdered => "已确认订单";

        public override string ConfirmedWithChanges => "已确认订单(数量有调整)";

        protected override string ConfirmedWithChangedDate => "已确认订单(到货日期有调整)";

        protected override string ConfirmedWithChangedQuantitiesAndDate => "已确认订单(数量和到货日期有调整)";

        public override string Changed(PurchaseOrderConfirmed c, IReadOnlyList<string> mentionNames) =>
            $"⚠️ {c.ConfirmedByName} 调整了采购单 {c.PurchaseOrderId} 的{(c.QuantitiesChanged && c.DateChanged ? "数量和到货日期" : c.DateChanged ? "到货日期" : "数量")}:" +
            string.Join(";", new[]
            {
                string.Join(",", c.Lines.Where(l => l.ConfirmedQuantity != l.OrderedQuantity)
                    .Select(l => $"{l.ProductName} 订购 {l.OrderedQuantity} {l.Unit} → 确认 {l.ConfirmedQuantity} {l.Unit}")),
                c.DateChanged ? $"{(c.QuantitiesChanged ? "到货日期 " : "")}{c.OrderedExpectedBy:yyyy-MM-dd} → {c.ExpectedBy:yyyy-MM-dd}" : "",
            }.Where(p => p != "")) +
            $" {Mentions(mentionNames)}".TrimEnd();

        public override string ConfirmedNote(PurchaseOrderConfirmed c) =>
            $"✅ {c.ConfirmedByName} 确认了采购单 {c.PurchaseOrderId}:" +
            string.Join(",", c.Lines.Select(l => $"{l.ProductName} {l.ConfirmedQuantity} {l.Unit}")) +
            (c.ExpectedBy is { } d ? $",预计 {d:yyyy-MM-dd} 到货" : "");

        public override string OrderLinkLabel => "订单原文";

        public override string ConfirmationLinkLabel(string? confirmedBy) => confirmedBy is null ? "供应商确认" : $"供应商确认 · {confirmedBy}";

        protected override string DateChangedValue(DateOnly agreed, DateOnly asked) => $"{agreed:yyyy-MM-dd}(原定 {asked:yyyy-MM-dd})";

        public override string Cancelled(string? reason) => reason is null ? "已取消" : $"已取消:{reason}";

        public override string CancelledNote(PurchaseOrderCancelled x, IReadOnlyList<string> mentionNames) =>
            $"❌ 采购单 {x.PurchaseOrderId} 已被 {x.CancelledByName} 取消{(x.Reason is null ? "" : ":" + x.Reason)},未到货的部分不用再送 {Mentions(mentionNames)}".TrimEnd();

        public override string Received(GoodsReceived r, string branchName) =>
            $"📦 {branchName} 已收货:" + string.Join(",", r.Lines.Select(l => $"{l.ProductName} {l.Quantity} {l.Unit}" +
                (l.DamagedQuantity > 0 ? $",破损 {l.DamagedQuantity} {l.Unit}" : "") + $"(累计 {l.ReceivedTotal}/{l.ExpectedQuantity})")) +
            (r.OrderCompleted ? ",订单已全部到货" : "");

        public override string Discrepancy(DeliveryDiscrepancyRaised d, string branchName, IReadOnlyList<string> mentionNames) =>
            $"❗ 到货差异 · 采购单 {d.PurchaseOrderId}({branchName}):" +
            string.Join(";", d.Lines.Select(l => $"{l.ProductName} {DiscrepancyFigures(l)}")) + $"。请选择补发或开红字发票 {Mentions(mentionNames)}".TrimEnd();

        protected override string OrderTitle(string id, string branchName) => $"采购单 {id} · {branchName}";

        protected override string BranchLabel => "门店";

        protected override string ExpectedLabel => "预计到货";

        protected override string PlacedByLabel => "下单人";

        protected override string ConfirmButton => "确认订单";

        protected override string ConfirmedChanged(ConfirmedOrderLine l) => $"确认 {l.ConfirmedQuantity} {l.Unit}(订购 {l.OrderedQuantity})";

        protected override string DiscrepancyTitle(string id) => $"到货差异 · {id}";

        protected override string DiscrepancyFigures(DiscrepancyLine l) =>
            $"订购 {l.OrderedQuantity} / 确认 {(l.ConfirmedQuantity is { } c ? c.ToString() : "未确认")} / 实收 {l.ReceivedQuantity} {l.Unit}" +
            (l.DamagedQuantity > 0 ? $" / 破损 {l.DamagedQuantity} {l.Unit}" : "");

        protected override string BackorderButton => "补发";

        protected override string CreditNoteButton => "开红字发票";

        public override string RecordingQuote => "正在登记报价…";

        public override string PriceMessageMoved(string authorName, string priceChannelName) =>
            $"💰 @{authorName} 的价格消息已移到「{priceChannelName}」频道:价格只有店主、总部和供应商本人能看到";

        public override string DeliveryAnnounced(DeliveryAnnounced a, string branchName, IReadOnlyList<string> mentionNames) =>
            $"🚚 {a.AnnouncedByName} 通知发货 · 采购单 {a.PurchaseOrderId}({branchName}):" +
            string.Join(",", a.Lines.Select(l => $"{l.ProductName} {l.Quantity} {l.Unit}")) + $",预计 {a.ExpectedOn:yyyy-MM-dd} 到货" +
            (a.Note is null ? "" : $"({a.Note})") + $" {Mentions(mentionNames)}".TrimEnd();

        public override string QuoteText(string authorName, CatalogueItem product, IReadOnlyList<string> mentionNames) =>
            $"💰 {authorName} 报价:{LineName(product.Name, product.Spec)},请确认后登记 {Mentions(mentionNames)}".TrimEnd();

        public override string QuoteRecorded(DateOnly validUntil) => $"已登记报价,有效期至 {validUntil:yyyy-MM-dd}";

        public override string QuoteExpired(PostedQuote q) => $"报价的有效期 {q.ValidUntil:yyyy-MM-dd} 已过,请重新报价";

        public override string QuoteAmbiguous(string written, IReadOnlyList<string> candidates) =>
            $"「{written}」对应多个商品:{string.Join(";", candidates)}。请用 SKU 重新报价,例如 报价 [{candidates[0].Split(' ')[0]}] 单价 起订量";

        public override string QuoteUnknownProduct(string written) => $"商品目录里没有「{written}」,请用 SKU 或商品全名重新报价";

        protected override string QuoteTitle => "供应商报价";

        protected override string ProductLabel => "商品";

        protected override string PriceLabel => "单价";

        protected override string MinOrderLabel => "起订量";

        protected override string PackSizeLabel => "包装";

        protected override string PackSizeValue(int pack, string unit) => $"每包 {pack} {unit}";

        protected override string ValidUntilLabel => "有效期至";

        protected override string ValidUntilDefault => $"未注明(登记起 {SupplierQuoteConfirmedInChat.DefaultValidityDays} 天)";

        protected override string ConfirmQuoteButton => "确认报价";
    }

    private sealed class English : SupplierBotTexts
    {
        public override string BotName => "Purchasing assistant";

        public override string OrderPlaced(PurchaseOrderPlaced po, string branchName, IReadOnlyList<string> mentionNames) =>
            $"🧾 New purchase order {po.PurchaseOrderId} ({branchName}): {string.Join(", ", po.Lines.Select(l => $"{LineName(l.ProductName, l.Spec)} {l.Quantity} {l.Unit}"))}, " +
            $"expected {po.ExpectedBy:yyyy-MM-dd} {Mentions(mentionNames)}".TrimEnd();

        public override string ConfirmedAsOrdered => "Order confirmed";

        public override string ConfirmedWithChanges => "Order confirmed with changed quantities";

        protected override string ConfirmedWithChangedDate => "Order confirmed with a changed delivery date";

        protected override string ConfirmedWithChangedQuantitiesAndDate => "Order confirmed with changed quantities and delivery date";

        public override string Changed(PurchaseOrderConfirmed c, IReadOnlyList<string> mentionNames) =>
            $"⚠️ {c.ConfirmedByName} changed {(c.QuantitiesChanged && c.DateChanged ? "quantities and the delivery date" : c.DateChanged ? "the delivery date" : "quantities")} on {c.PurchaseOrderId}: " +
            string.Join("; ", new[]
            {
                string.Join(", ", c.Lines.Where(l => l.ConfirmedQuantity != l.OrderedQuantity)
                    .Select(l => $"{l.ProductName} ordered {l.OrderedQuantity} {l.Unit} → confirmed {l.ConfirmedQuantity} {l.Unit}")),
                c.DateChanged ? $"{(c.QuantitiesChanged ? "delivery " : "")}{c.OrderedExpectedBy:yyyy-MM-dd} → {c.ExpectedBy:yyyy-MM-dd}" : "",
            }.Where(p => p != "")) +
            $" {Mentions(mentionNames)}".TrimEnd();

        public override string ConfirmedNote(PurchaseOrderConfirmed c) =>
            $"✅ {c.ConfirmedByName} confirmed {c.PurchaseOrderId}: " +
            string.Join(", ", c.Lines.Select(l => $"{l.ProductName} {l.ConfirmedQuantity} {l.Unit}")) +
            (c.ExpectedBy is { } d ? $", expected {d:yyyy-MM-dd}" : "");

        public override string OrderLinkLabel => "Order as sent";

        public override string ConfirmationLinkLabel(string? confirmedBy) => confirmedBy is null ? "Supplier's confirmation" : $"Confirmed by {confirmedBy}";

        protected override string DateChangedValue(DateOnly agreed, DateOnly asked) => $"{agreed:yyyy-MM-dd} (was {asked:yyyy-MM-dd})";

        public override string Cancelled(string? reason) => reason is null ? "Cancelled" : $"Cancelled: {reason}";

        public override string CancelledNote(PurchaseOrderCancelled x, IReadOnlyList<string> mentionNames) =>
            $"❌ {x.CancelledByName} cancelled {x.PurchaseOrderId}{(x.Reason is null ? "" : ": " + x.Reason)}; nothing outstanding needs to be delivered {Mentions(mentionNames)}".TrimEnd();

        public override string Received(GoodsReceived r, string branchName) =>
            $"📦 {branchName} received: " + string.Join(", ", r.Lines.Select(l => $"{l.ProductName} {l.Quantity} {l.Unit}" +
                (l.DamagedQuantity > 0 ? $", {l.DamagedQuantity} {l.Unit} damaged" : "") + $" ({l.ReceivedTotal}/{l.ExpectedQuantity} so far)")) +
            (r.OrderCompleted ? "; the order is complete" : "");

        public override string Discrepancy(DeliveryDiscrepancyRaised d, string branchName, IReadOnlyList<string> mentionNames) =>
            $"❗ Delivery discrepancy on {d.PurchaseOrderId} ({branchName}): " +
            string.Join("; ", d.Lines.Select(l => $"{l.ProductName} {DiscrepancyFigures(l)}")) + $". Please choose backorder or credit note {Mentions(mentionNames)}".TrimEnd();

        protected override string OrderTitle(string id, string branchName) => $"Purchase order {id} · {branchName}";

        protected override string BranchLabel => "Branch";

        protected override string ExpectedLabel => "Expected";

        protected override string PlacedByLabel => "Placed by";

        protected override string ConfirmButton => "Confirm order";

        protected override string ConfirmedChanged(ConfirmedOrderLine l) => $"confirmed {l.ConfirmedQuantity} {l.Unit} (ordered {l.OrderedQuantity})";

        protected override string DiscrepancyTitle(string id) => $"Delivery discrepancy · {id}";

        protected override string DiscrepancyFigures(DiscrepancyLine l) =>
            $"ordered {l.OrderedQuantity} / confirmed {(l.ConfirmedQuantity is { } c ? c.ToString() : "not confirmed")} / received {l.ReceivedQuantity} {l.Unit}" +
            (l.DamagedQuantity > 0 ? $" / damaged {l.DamagedQuantity} {l.Unit}" : "");

        protected override string BackorderButton => "Backorder";

        protected override string CreditNoteButton => "Credit note";

        public override string RecordingQuote => "Recording the quote…";

        public override string PriceMessageMoved(string authorName, string priceChannelName) =>
            $"💰 @{authorName}'s price message was moved to the “{priceChannelName}” channel: prices are for the owner, hq and the supplier only";

        public override string DeliveryAnnounced(DeliveryAnnounced a, string branchName, IReadOnlyList<string> mentionNames) =>
            $"🚚 {a.AnnouncedByName} announced a delivery on {a.PurchaseOrderId} ({branchName}): " +
            string.Join(", ", a.Lines.Select(l => $"{l.ProductName} {l.Quantity} {l.Unit}")) + $", expected {a.ExpectedOn:yyyy-MM-dd}" +
            (a.Note is null ? "" : $" ({a.Note})") + $" {Mentions(mentionNames)}".TrimEnd();

        public override string QuoteText(string authorName, CatalogueItem product, IReadOnlyList<string> mentionNames) =>
            $"💰 {authorName} quoted {LineName(product.Name, product.Spec)}; please confirm to record it {Mentions(mentionNames)}".TrimEnd();

        public override string QuoteRecorded(DateOnly validUntil) => $"Quote recorded, valid until {validUntil:yyyy-MM-dd}";

        public override string QuoteExpired(PostedQuote q) => $"The quote's validity {q.ValidUntil:yyyy-MM-dd} has passed; please quote again";

        public override string QuoteAmbiguous(string written, IReadOnlyList<string> candidates) =>
            $"\"{written}\" matches several products: {string.Join("; ", candidates)}. Please quote again with the SKU, e.g. 报价 [{candidates[0].Split(' ')[0]}] price minimum";

        public override string QuoteUnknownProduct(string written) => $"\"{written}\" is not in the catalogue; please quote again with the SKU or the full product name";

        protected override string QuoteTitle => "Supplier quote";

        protected override string ProductLabel => "Product";

        protected override string PriceLabel => "Unit price";

        protected override string MinOrderLabel => "Minimum order";

        protected override string PackSizeLabel => "Pack";

        protected override string PackSizeValue(int pack, string unit) => $"{pack} {unit} a pack";

        protected override string ValidUntilLabel => "Valid until";

        protected override string ValidUntilDefault => $"not given ({SupplierQuoteConfirmedInChat.DefaultValidityDays} days from recording)";

        protected override string ConfirmQuoteButton => "Confirm quote";
    }
}
