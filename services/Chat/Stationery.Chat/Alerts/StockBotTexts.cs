using Stationery.Chat.Alerts.SlowMovers;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Messages.Cards;
using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Alerts;

/// <summary>
/// Every line and card the stock bot writes, in one place. zh-CN is the product's language; <c>Chat:BotLanguage = en</c> switches a
/// deployment to English. A new language is one more subclass.
/// </summary>
public abstract class StockBotTexts
{
    public abstract string BotName { get; }

    /// <summary>The alert, ending with an @mention of each name given.</summary>
    public abstract string LowStock(StockAlertChanged alert, IReadOnlyList<string> mentionNames);

    /// <param name="reorderPoint">Null for a product without a reorder policy (restocked after a 缺货 alert).</param>
    public abstract string Restocked(ProductLabel product, int onHand, int? reorderPoint);

    /// <summary>
    /// The note that closes an alert, saying why: 已补货 only when stock on hand is back; stock merely on order (or on its way from
    /// another branch) says so, as does a removed reorder point or a discontinued product.
    /// </summary>
    public string Resolved(StockAlertChanged c)
    {
        var product = new ProductLabel(c.ProductName, c.Spec, c.Unit);
        return c.Resolution switch
        {
            StockAlertResolution.OnOrder => OnOrder(product, c.OnHand, c.OnOrder + c.InTransit, c.ReorderPoint),
            StockAlertResolution.InTransit => InTransit(product, c.OnHand, c.InTransit, c.ReorderPoint),
            StockAlertResolution.PolicyRemoved => PolicyRemoved(product, c.OnHand),
            StockAlertResolution.Discontinued => Discontinued(product),
            _ => Restocked(product, c.OnHand, c.ReorderPoint),
        };
    }

    /// <summary>已下单补货: on hand is still low, but purchase orders bring <paramref name="coming"/> units.</summary>
    protected abstract string OnOrder(ProductLabel product, int onHand, int coming, int? reorderPoint);

    /// <summary>调拨在途: on hand is still low, but a transfer from another branch brings <paramref name="coming"/> units.</summary>
    protected abstract string InTransit(ProductLabel product, int onHand, int coming, int? reorderPoint);

    protected abstract string PolicyRemoved(ProductLabel product, int onHand);

    protected abstract string Discontinued(ProductLabel product);

    /// <summary>The alert's card: the numbers, and <c>加入采购清单 N</c> when there is a suggested quantity.</summary>
    public Card LowStockCard(StockAlertChanged a)
    {
        var product = new ProductLabel(a.ProductName, a.Spec, a.Unit);
        CardAction[] actions = a.SuggestedQuantity is > 0 and var suggested
            ? [new CardAction(CardActions.AddToPurchaseList, AddToPurchaseListButton(suggested), "primary", suggested)]
            : [];
        return new Card("low-stock", LowStockTitle(product, a.OnHand), [.. LowStockFields(a)], actions, Card.Open, null, null, a.BranchId, a.Sku);
    }

    /// <summary>
    /// The on-hand fields, then the reorder point and the suggestion — unless the alert is a sell-out of a product without a
    /// policy (both 0: nothing to show).
    /// </summary>
    protected static IEnumerable<CardField> PolicyFields(StockAlertChanged a, CardField[] onHand, CardField reorderPoint, CardField suggested) =>
        a.ReorderPoint is not > 0 && a.SuggestedQuantity is not > 0 ? onHand : [.. onHand, reorderPoint, suggested];

    /// <summary>The message of a digest card: a burst of alerts is folded into it, @mentioning whom an alert would.</summary>
    public abstract string Digest(IReadOnlyList<string> mentionNames);

    /// <summary>A digest card holding its first alert (no buttons: each folded alert keeps its own, in the digest's thread).</summary>
    public Card DigestCard(StockAlertChanged first) =>
        new("alert-digest", DigestTitle(1), [DigestField(first)], [], Card.Open, null, null, first.BranchId, null);

    public Card WithDigestItem(Card digest, StockAlertChanged a) =>
        digest with { Title = DigestTitle(digest.Fields.Length + 1), Fields = [.. digest.Fields, DigestField(a)] };

    private CardField DigestField(StockAlertChanged a) => new(new ProductLabel(a.ProductName, a.Spec, a.Unit).Name, DigestValue(a));

    protected abstract string DigestTitle(int count);

    protected abstract string DigestValue(StockAlertChanged a);

    /// <summary>What <c>/帮助</c> (and a misused command) answers.</summary>
    public abstract string Help { get; }

    /// <summary>Commands that read or change a branch's stock only work where the branch is known.</summary>
    public abstract string BranchChannelsOnly { get; }

    public abstract string NothingFound(string query);

    public abstract string UnknownSku(string sku);

    /// <summary><c>/库存</c>'s answer: how many products matched, and whether Chat has figures for them at all.</summary>
    public abstract string StockLookup(int matches, int shown, bool anyFigures);

    public Card StockLookupCard(string branch, string query, IReadOnlyList<(CatalogueItem Product, StockFigure? Figure)> rows) =>
        new("stock-lookup", StockLookupTitle(query),
            [.. rows.Select(r => new CardField(r.Product.Label.Name, r.Figure is { } f ? $"{f.OnHand} {r.Product.Unit}" : NoFigure))],
            [], Card.Open, null, null, branch, null);

    /// <summary><c>/补货</c>'s card: pending until Purchasing puts the item on the list.</summary>
    public Card RestockCard(string branch, CatalogueItem product, int quantity, string requestedBy) =>
        new("restock-request", RestockTitle(product.Label), [new(QuantityLabel, $"{quantity} {product.Unit}")], [],
            Card.Pending, requestedBy, Pending(CardActions.AddToPurchaseList), branch, product.Id);

    public abstract string RestockText(ProductLabel product, int quantity);

    protected abstract string StockLookupTitle(string query);

    protected abstract string NoFigure { get; }

    protected abstract string RestockTitle(ProductLabel product);

    protected abstract string QuantityLabel { get; }

    /// <summary>The answer to a stock report in chat: what was understood, and 加入采购清单 when an order quantity was given.</summary>
    public Card StockReportCard(string branch, CatalogueItem product, StockReport report)
    {
        CardAction[] actions = report.Suggested is > 0 and var suggested
            ? [new CardAction(CardActions.AddToPurchaseList, AddToPurchaseListButton(suggested), "primary", suggested)]
            : [];
        return new Card("stock-report", StockReportTitle(product.Label), [.. StockReportFields(product.Unit, report)], actions, Card.Open,
            null, null, branch, product.Id);
    }

    public abstract string StockReportText(string reporter, ProductLabel product, int reported);

    /// <summary>A report that could mean several products: name them and show the house format.</summary>
    public abstract string WhichProduct(IReadOnlyList<ProductLabel> candidates);

    protected abstract string StockReportTitle(ProductLabel product);

    protected abstract IEnumerable<CardField> StockReportFields(string unit, StockReport report);

    /// <summary>What a card shows between a button press and its outcome (or, for an acknowledgement, from then on).</summary>
    public abstract string Pending(string actionId);

    public abstract string AddedToPurchaseList(int quantity, string unit);

    protected abstract string LowStockTitle(ProductLabel product, int onHand);

    protected abstract IEnumerable<CardField> LowStockFields(StockAlertChanged a);

    protected abstract string AddToPurchaseListButton(int quantity);

    /// <summary>The weekly slow-mover digest's message, ending with an @mention of each name given.</summary>
    public abstract string SlowMoverDigest(int count, IReadOnlyList<string> mentionNames);

    /// <summary>At most this many products are listed on a slow-mover digest card; a last line counts the rest.</summary>
    public const int MaxSlowMoverFields = 20;

    /// <summary>滞销周报: one line per product (longest without a sale first), no buttons (ordering more is not the answer).</summary>
    public Card SlowMoverDigestCard(string branch, DateOnly week, IReadOnlyList<SlowMoverNote> notes)
    {
        var fields = notes.Take(MaxSlowMoverFields)
            .Select(n => new CardField(new ProductLabel(n.ProductName, n.Spec, n.Unit).Name, SlowMoverValue(n))).ToList();
        if (notes.Count > MaxSlowMoverFields) fields.Add(new CardField("…", MoreSlowMovers(notes.Count - MaxSlowMoverFields)));
        return new Card("slow-mover-digest", SlowMoverDigestTitle(notes.Count, week), [.. fields], [], Card.Open, null, null, branch, null);
    }

    protected abstract string SlowMoverDigestTitle(int count, DateOnly week);

    protected abstract string SlowMoverValue(SlowMoverNote n);

    protected abstract string MoreSlowMovers(int rest);

    public static StockBotTexts For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? new English() : new Chinese();

    protected static string Mentions(IReadOnlyList<string> names) => string.Join(" ", names.Select(n => "@" + n));

    private sealed class Chinese : StockBotTexts
    {
        public override string BotName => "库存助手";

        public override string LowStock(StockAlertChanged a, IReadOnlyList<string> mentionNames)
        {
            var product = new ProductLabel(a.ProductName, a.Spec, a.Unit).Name;
            var line = a.OnHand <= 0
                ? $"⛔ 缺货:{product} 已无库存" + (a.ReorderPoint > 0 ? $"(补货点 {a.ReorderPoint})" : "")
                : $"⚠️ 低库存:{product} 剩余 {a.OnHand} {a.Unit}(补货点 {a.ReorderPoint})";
            return line + Mentions(mentionNames);
        }

        public override string Restocked(ProductLabel p, int onHand, int? reorderPoint) =>
            $"✅ 已补货:{p.Name} 现有 {onHand} {p.Unit}" + (reorderPoint is { } point ? $"(补货点 {point})" : "");

        protected override string OnOrder(ProductLabel p, int onHand, int coming, int? reorderPoint) =>
            $"📦 已下单补货:{p.Name} 现有 {onHand} {p.Unit},在途 {coming} {p.Unit}" + (reorderPoint is { } point ? $"(补货点 {point})" : "");

        protected override string InTransit(ProductLabel p, int onHand, int coming, int? reorderPoint) =>
            $"🚚 调拨在途:{p.Name} 现有 {onHand} {p.Unit},调入在途 {coming} {p.Unit}" + (reorderPoint is { } point ? $"(补货点 {point})" : "");

        protected override string PolicyRemoved(ProductLabel p, int onHand) => $"ℹ️ 已取消补货点:{p.Name} 现有 {onHand} {p.Unit},不再预警";

        protected override string Discontinued(ProductLabel p) => $"ℹ️ 已停售:{p.Name},不再补货";

        public override string SlowMoverDigest(int count, IReadOnlyList<string> mentionNames) =>
            ($"🐢 本周滞销品 {count} 项:可以考虑促销、调拨到其他门店或退货 " + Mentions(mentionNames)).TrimEnd();

        protected override string SlowMoverDigestTitle(int count, DateOnly week) => $"滞销周报 · {week:M月d日}这周 · {count} 项";

        protected override string SlowMoverValue(SlowMoverNote n) =>
            $"{n.DaysWithoutSale} 天未售 · 库存 {n.OnHand} {n.Unit} · 库龄 {n.AgeingBracket} 天";

        protected override string MoreSlowMovers(int rest) => $"另有 {rest} 项";

        public override string Pending(string actionId) => actionId switch
        {
            CardActions.AddToPurchaseList => "正在加入采购清单…",
            CardActions.ConfirmOrder => "正在确认订单…",
            CardActions.AcknowledgeBackorder => "已确认到货差异:补发",
            CardActions.AcknowledgeCreditNote => "已确认到货差异:开红字发票",
            _ => "处理中…",
        };

        public override string AddedToPurchaseList(int quantity, string unit) => $"已加入采购清单 {quantity} {unit}";

        protected override string LowStockTitle(ProductLabel p, int onHand) => $"{(onHand <= 0 ? "缺货" : "低库存")} · {p.Name}";

        protected override IEnumerable<CardField> LowStockFields(StockAlertChanged a) =>
            PolicyFields(a, [new("现有", $"{a.OnHand} {a.Unit}")], new("补货点", $"{a.ReorderPoint} {a.Unit}"),
                new("建议补货", $"{a.SuggestedQuantity} {a.Unit}"));

        protected override string AddToPurchaseListButton(int quantity) => $"加入采购清单 {quantity}";

        public override string Help =>
            "🤖 可用命令:\n/库存 商品名 — 查本门店的库存\n/补货 SKU 数量 — 加入本门店的采购清单\n/帮助 — 显示这段说明\n" +
            "也可以直接按格式上报库存:[商品名称][规格型号][当前库存][建议补货数量]";

        public override string BranchChannelsOnly => "请在门店的频道里使用这个命令(这里不属于任何门店)。";

        public override string NothingFound(string query) => $"🔍 没有找到「{query}」相关的商品。";

        public override string UnknownSku(string sku) => $"找不到商品 {sku},请检查 SKU(可以先用 /库存 商品名 查一下)。";

        public override string StockLookup(int matches, int shown, bool anyFigures) =>
            $"🔍 找到 {matches} 个商品" + (matches > shown ? $",显示前 {shown} 个" : "") +
            (anyFigures ? "。库存为最近一次记录的数量。" : "。聊天还没有收到这些商品的库存数据,请以库存页面为准。");

        public override string RestockText(ProductLabel p, int quantity) => $"🛒 补货:{p.Name} {quantity} {p.Unit}";

        protected override string StockLookupTitle(string query) => $"库存查询 · {query}";

        protected override string NoFigure => "暂无数据";

        protected override string RestockTitle(ProductLabel p) => $"补货申请 · {p.Name}";

        protected override string QuantityLabel => "数量";

        public override string Digest(IReadOnlyList<string> mentionNames) => ("📋 库存提醒较多,已汇总到这张卡片,明细见回复 " + Mentions(mentionNames)).TrimEnd();

        protected override string DigestTitle(int count) => $"库存提醒汇总 · {count} 条";

        protected override string DigestValue(StockAlertChanged a) =>
            a.OnHand <= 0 ? "缺货" + (a.ReorderPoint > 0 ? $"(补货点 {a.ReorderPoint})" : "") : $"剩余 {a.OnHand} {a.Unit}(补货点 {a.ReorderPoint})";

        public override string StockReportText(string reporter, ProductLabel p, int reported) => $"📋 {reporter} 报告:{p.Name} 现有 {reported} {p.Unit}";

        public override string WhichProduct(IReadOnlyList<ProductLabel> candidates) =>
            $"🤔 是哪一个?{string.Join(" / ", candidates.Select(c => c.Name))}。请按 [商品名称][规格型号][当前库存][建议补货数量] 再发一次。";

        protected override string StockReportTitle(ProductLabel p) => $"库存报告 · {p.Name}";

        protected override IEnumerable<CardField> StockReportFields(string unit, StockReport r) =>
            r.Suggested is { } s ? [new("报告库存", $"{r.Reported} {unit}"), new("建议补货", $"{s} {unit}")] : [new("报告库存", $"{r.Reported} {unit}")];
    }

    private sealed class English : StockBotTexts
    {
        public override string BotName => "Stock assistant";

        public override string SlowMoverDigest(int count, IReadOnlyList<string> mentionNames) =>
            ($"🐢 {count} slow movers this week: consider a promotion, a transfer to another branch or a return " + Mentions(mentionNames)).TrimEnd();

        protected override string SlowMoverDigestTitle(int count, DateOnly week) => $"Slow movers · week of {week:yyyy-MM-dd} · {count}";

        protected override string SlowMoverValue(SlowMoverNote n) =>
            $"{n.DaysWithoutSale} days without a sale · {n.OnHand} {n.Unit} on hand · age {n.AgeingBracket} days";

        protected override string MoreSlowMovers(int rest) => $"{rest} more";

        public override string LowStock(StockAlertChanged a, IReadOnlyList<string> mentionNames)
        {
            var product = new ProductLabel(a.ProductName, a.Spec, a.Unit).Name;
            var line = a.OnHand <= 0
                ? $"⛔ Out of stock: {product} " + (a.ReorderPoint > 0 ? $"(reorder point {a.ReorderPoint}) " : "")
                : $"⚠️ Low stock: {product}, {a.OnHand} {a.Unit} left (reorder point {a.ReorderPoint}) ";
            return (line + Mentions(mentionNames)).TrimEnd();
        }

        public override string Restocked(ProductLabel p, int onHand, int? reorderPoint) =>
            $"✅ Restocked: {p.Name}, {onHand} {p.Unit} on hand" + (reorderPoint is { } point ? $" (reorder point {point})" : "");

        protected override string OnOrder(ProductLabel p, int onHand, int coming, int? reorderPoint) =>
            $"📦 Reordered: {p.Name}, {onHand} {p.Unit} on hand, {coming} {p.Unit} on order" + (reorderPoint is { } point ? $" (reorder point {point})" : "");

        protected override string InTransit(ProductLabel p, int onHand, int coming, int? reorderPoint) =>
            $"🚚 Transfer on its way: {p.Name}, {onHand} {p.Unit} on hand, {coming} {p.Unit} coming from another branch" +
            (reorderPoint is { } point ? $" (reorder point {point})" : "");

        protected override string PolicyRemoved(ProductLabel p, int onHand) => $"ℹ️ Reorder point removed: {p.Name}, {onHand} {p.Unit} on hand; no more alerts";

        protected override string Discontinued(ProductLabel p) => $"ℹ️ Discontinued: {p.Name}; not reordered";

        public override string Pending(string actionId) => actionId switch
        {
            CardActions.AddToPurchaseList => "Adding to the purchase list…",
            CardActions.ConfirmOrder => "Confirming the order…",
            CardActions.AcknowledgeBackorder => "Discrepancy acknowledged: backorder",
            CardActions.AcknowledgeCreditNote => "Discrepancy acknowledged: credit note",
            _ => "Working on it…",
        };

        public override string AddedToPurchaseList(int quantity, string unit) => $"Added {quantity} {unit} to the purchase list";

        protected override string LowStockTitle(ProductLabel p, int onHand) => $"{(onHand <= 0 ? "Out of stock" : "Low stock")} · {p.Name}";

        protected override IEnumerable<CardField> LowStockFields(StockAlertChanged a) =>
            PolicyFields(a, [new("On hand", $"{a.OnHand} {a.Unit}")], new("Reorder point", $"{a.ReorderPoint} {a.Unit}"),
                new("Suggested order", $"{a.SuggestedQuantity} {a.Unit}"));

        protected override string AddToPurchaseListButton(int quantity) => $"Add {quantity} to purchase list";

        public override string Help =>
            "🤖 Commands:\n/stock name — stock at this branch\n/restock SKU quantity — add to this branch's purchase list\n/help — this text\n" +
            "You can also report stock as [name][spec][on hand][order quantity].";

        public override string BranchChannelsOnly => "Please use this command in a branch channel (this channel belongs to no branch).";

        public override string NothingFound(string query) => $"🔍 No product matches \"{query}\".";

        public override string UnknownSku(string sku) => $"No product has SKU {sku}; look it up with /stock name first.";

        public override string StockLookup(int matches, int shown, bool anyFigures) =>
            $"🔍 {matches} product(s) found" + (matches > shown ? $", showing {shown}" : "") +
            (anyFigures ? ". Figures are the last ones recorded." : ". Chat has no stock figures for them yet; check the stock page.");

        public override string RestockText(ProductLabel p, int quantity) => $"🛒 Restock: {p.Name} {quantity} {p.Unit}";

        protected override string StockLookupTitle(string query) => $"Stock · {query}";

        protected override string NoFigure => "no figure yet";

        protected override string RestockTitle(ProductLabel p) => $"Restock request · {p.Name}";

        protected override string QuantityLabel => "Quantity";

        public override string Digest(IReadOnlyList<string> mentionNames) => ("📋 Many stock alerts at once: folded into this card, details in its thread " + Mentions(mentionNames)).TrimEnd();

        protected override string DigestTitle(int count) => $"Stock alerts · {count}";

        protected override string DigestValue(StockAlertChanged a) =>
            a.OnHand <= 0 ? "out of stock" + (a.ReorderPoint > 0 ? $" (reorder point {a.ReorderPoint})" : "") : $"{a.OnHand} {a.Unit} left (reorder point {a.ReorderPoint})";

        public override string StockReportText(string reporter, ProductLabel p, int reported) => $"📋 {reporter} reports {p.Name}: {reported} {p.Unit} on the shelf";

        public override string WhichProduct(IReadOnlyList<ProductLabel> candidates) =>
            $"🤔 Which one? {string.Join(" / ", candidates.Select(c => c.Name))}. Please resend as [name][spec][on hand][order quantity].";

        protected override string StockReportTitle(ProductLabel p) => $"Stock report · {p.Name}";

        protected override IEnumerable<CardField> StockReportFields(string unit, StockReport r) =>
            r.Suggested is { } s ? [new("Reported", $"{r.Reported} {unit}"), new("Suggested order", $"{s} {unit}")] : [new("Reported", $"{r.Reported} {unit}")];
    }
}

/// <summary>How the bot names a product: 名称 and 规格型号, and its counting unit.</summary>
public sealed record ProductLabel(string ProductName, string Spec, string Unit)
{
    public string Name => string.IsNullOrWhiteSpace(Spec) ? ProductName : $"{ProductName} {Spec}";
}
