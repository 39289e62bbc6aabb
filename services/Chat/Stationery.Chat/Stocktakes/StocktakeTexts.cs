using System.Globalization;
using Stationery.Chat.Messages.Cards;
using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Stocktakes;

/// <summary>
/// What the bot says in a branch's 盘点 channel: the announcement, the count card, the zone-finished sentence in the
/// article's words, the variance cards and their explanation, and the closing figures. zh-CN by default, English with
/// <c>Chat:BotLanguage = en</c> (as <see cref="Alerts.StockBotTexts"/>). No text here ever shows a book figure before the
/// zone is finished: the count card only echoes what the counter said and what Inventory answered.
/// </summary>
public abstract class StocktakeTexts
{
    private static readonly StocktakeTexts Chinese = new ChineseTexts(), English = new EnglishTexts();

    public static StocktakeTexts For(IConfiguration config) =>
        config["Chat:BotLanguage"] is { } language && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public const string CountKind = "stocktake-count", VarianceKind = "stocktake-variance";

    public abstract string BotName { get; }

    /// <summary>The announcement: the stocktake, its kind, blind or not, and each zone with what it covers and its counters @mentioned.</summary>
    public string Announcement(StocktakeOpened o) =>
        string.Join("\n", [Opening(o), .. o.Zones.Select(ZoneLine), HowToCount]);

    protected abstract string Opening(StocktakeOpened o);

    protected abstract string ZoneLine(StocktakeZone zone);

    protected abstract string HowToCount { get; }

    protected static string At(IEnumerable<StocktakeCounter> counters) => string.Join(" ", counters.Select(c => "@" + c.Name));

    /// <summary>The card answering a count said in the channel, until Inventory answers: what was understood, never the books.</summary>
    public Card CountCard(string branch, string stocktakeId, string sku, string product, string unit, int counted, string counter) =>
        new(CountKind, CountTitle(product), [new(CountedLabel, $"{counted} {unit}"), new(StocktakeLabel, stocktakeId)], [], Card.Pending,
            counter, Counting, branch, sku, StocktakeId: stocktakeId);

    public abstract string CountText(string counter, string product, string unit, int counted, string stocktakeId);

    /// <summary>The card once Inventory answered: recorded toward a zone, or refused with why (Inventory's words).</summary>
    public Card Answered(Card card, StocktakeCountAnswered a) => card with
    {
        Status = Card.Done,
        Fields = a.Outcome == "recorded" && a.ZoneName is { } zone ? [.. card.Fields.Where(f => f.Label != ZoneLabel), new(ZoneLabel, zone)] : card.Fields,
        Resolution = a.Explanation,
    };

    /// <summary>A house-format report during a stocktake that names no product of the catalogue.</summary>
    public abstract string UnknownProduct(string written);

    protected abstract string CountTitle(string product);

    protected abstract string CountedLabel { get; }

    protected abstract string StocktakeLabel { get; }

    protected abstract string ZoneLabel { get; }

    /// <summary>What the count card says between the report and Inventory's answer.</summary>
    public abstract string Counting { get; }

    /// <summary>
    /// 清点完毕: <c>文具区清点完毕,与系统数据一致</c>, or <c>笔记本区域发现差异,水彩本系统显示12本,实际数了只有10本</c> with one clause per
    /// variance. A product is named by its name, with its spec only when another variance has the same name.
    /// </summary>
    public string ZoneFinished(StocktakeZoneFinished z) => z.Variances.Count == 0
        ? Agrees(z.ZoneName)
        : Differs(z.ZoneName, [.. z.Variances.Select(v => Clause(Name(v, z.Variances), v))]);

    protected abstract string Agrees(string zone);

    protected abstract string Differs(string zone, IReadOnlyList<string> clauses);

    protected abstract string Clause(string product, StocktakeVariance v);

    private static string Name(StocktakeVariance v, IReadOnlyList<StocktakeVariance> all) =>
        all.Count(o => o.Name == v.Name) > 1 && !string.IsNullOrWhiteSpace(v.Spec) ? $"{v.Name}{v.Spec}" : v.Name;

    protected static string Label(StocktakeVariance v) => Label(v.Name, v.Spec);

    /// <summary>A variance's card, the root of its thread: the figures and a button per reason.</summary>
    public Card VarianceCard(string branch, StocktakeZoneFinished z, StocktakeVariance v)
    {
        List<CardField> fields =
        [
            new(ExpectedLabel, $"{v.Expected} {v.Unit}"),
            new(CountedLabel, $"{v.Counted} {v.Unit}"),
            new(DifferenceLabel, $"{v.Variance:+0;-0;0} {v.Unit}"),
        ];
        if (v.NeedsRecount) fields.Add(new(RecountLabel, RecountNeeded));
        return new Card(VarianceKind, VarianceTitle(z.ZoneName, Label(v)), [.. fields],
            [.. StocktakeReasons.All.Select(r => new CardAction(CardActions.ExplainVariance(r), Reason(r), r == StocktakeReasons.Miscount ? "primary" : "default", null))],
            Card.Open, null, null, branch, v.Sku, StocktakeId: z.StocktakeId);
    }

    public abstract string VarianceText(StocktakeVariance v);

    protected abstract string VarianceTitle(string zone, string product);

    protected abstract string ExpectedLabel { get; }

    protected abstract string DifferenceLabel { get; }

    protected abstract string RecountLabel { get; }

    protected abstract string RecountNeeded { get; }

    /// <summary>A reason's button label (and how the card names it once chosen).</summary>
    public abstract string Reason(string reason);

    /// <summary>What the variance card says between the press and Inventory's answer.</summary>
    public abstract string Explaining { get; }

    /// <summary>The card once the explanation is recorded: the reason, who, and the note.</summary>
    public Card Explained(Card card, StocktakeVarianceExplained e) =>
        card with { Status = Card.Done, ResolvedBy = e.ExplainedBy, Resolution = Explanation(e) };

    protected abstract string Explanation(StocktakeVarianceExplained e);

    /// <summary>数错: the product goes back to the zone's counters, @mentioned in the variance's thread.</summary>
    public abstract string RecountAsked(StocktakeVarianceExplained e, string name, string spec, IEnumerable<StocktakeCounter> counters);

    protected static string Label(string name, string spec) => string.IsNullOrWhiteSpace(spec) ? name : $"{name} {spec}";

    /// <summary>Inventory refused a press: the card is open again (closed when the stocktake is) and says why.</summary>
    public static Card Refused(Card card, StocktakeChatRefused r, bool stocktakeOpen) =>
        card with { Status = stocktakeOpen ? Card.Open : Card.Done, ResolvedBy = null, Resolution = r.Explanation };

    public abstract string Completed(StocktakeCompleted c);

    public abstract string Cancelled(StocktakeCancelled c);

    protected static string Percent(decimal fraction) => (fraction * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    protected static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed class ChineseTexts : StocktakeTexts
    {
        public override string BotName => "盘点助手";
        public override string Counting => "计数中…";
        public override string Explaining => "正在记录原因…";
        protected override string CountedLabel => "实际数量";
        protected override string StocktakeLabel => "盘点单";
        protected override string ZoneLabel => "计入区域";
        protected override string ExpectedLabel => "系统数量";
        protected override string DifferenceLabel => "差异";
        protected override string RecountLabel => "复盘";
        protected override string RecountNeeded => "差异超出阈值，完成前需复盘或说明";

        protected override string HowToCount => "清点时在本群按 [商品名称][规格型号][数量] 报数，例如 [水彩本][16K][10]；也可以在 App 的盘点页面扫码清点。";

        protected override string Opening(StocktakeOpened o) =>
            $"📋 {o.OpenedBy} 发起了{(o.Kind == "cycle" ? "循环盘点" : "全盘")} {o.StocktakeId}"
            + (o.Blind ? "（盲盘：清点时不显示系统数量）" : "") + $"，共 {o.Zones.Count} 个区域：";

        protected override string ZoneLine(StocktakeZone z) =>
            $"• {z.Name}（{z.Covers}，{z.SkuCount} 种商品）：{(z.Counters.Count == 0 ? "尚未分配清点人" : At(z.Counters))}";

        public override string CountText(string counter, string product, string unit, int counted, string stocktakeId) =>
            $"{counter} 报数：{product} {counted} {unit}（盘点 {stocktakeId}）";

        public override string UnknownProduct(string written) => $"找不到商品“{written}”，这条没有计入盘点；请按商品目录里的名称和规格再报一次。";

        protected override string CountTitle(string product) => $"盘点计数 · {product}";

        protected override string Agrees(string zone) => $"{zone}清点完毕,与系统数据一致";

        protected override string Differs(string zone, IReadOnlyList<string> clauses) => $"{zone}发现差异,{string.Join("；", clauses)}";

        protected override string Clause(string product, StocktakeVariance v) =>
            $"{product}系统显示{v.Expected}{v.Unit},实际" + (v.Counted == 0 ? $"一{v.Unit}都没数到" : v.Counted < v.Expected ? $"数了只有{v.Counted}{v.Unit}" : $"数了有{v.Counted}{v.Unit}");

        public override string VarianceText(StocktakeVariance v) =>
            $"差异：{Label(v)} 系统 {v.Expected} {v.Unit}，实际 {v.Counted} {v.Unit}（{v.Variance:+0;-0} {v.Unit}）。请选择原因，可以在这条消息下讨论。";

        protected override string VarianceTitle(string zone, string product) => $"盘点差异 · {zone} · {product}";

        public override string Reason(string reason) => reason switch
        {
            StocktakeReasons.UnrecordedSale => "销售漏记",
            StocktakeReasons.DeliveryNotBooked => "进货未入库",
            StocktakeReasons.Miscount => "数错",
            StocktakeReasons.Damage => "损坏",
            StocktakeReasons.Loss => "丢失/被盗",
            _ => "其他",
        };

        protected override string Explanation(StocktakeVarianceExplained e) =>
            $"原因：{Reason(e.Reason)}（{e.ExplainedBy}）" + (string.IsNullOrWhiteSpace(e.Note) ? "" : $"：{e.Note}");

        public override string RecountAsked(StocktakeVarianceExplained e, string name, string spec, IEnumerable<StocktakeCounter> counters) =>
            $"🔁 {e.ExplainedBy} 认为{Label(name, spec)}数错了，请 {At(counters)} 复盘：在本群重新报数即可（你的新数字会替换之前的），例如 [{name}][{spec}][数量]。";

        public override string Completed(StocktakeCompleted c) =>
            $"✅ 盘点 {c.StocktakeId} 已完成（{c.CompletedBy}）：清点 {c.SkusCounted} 种商品，系统 {c.ExpectedUnits} 件，差异 {c.VarianceUnits} 件；"
            + $"数量准确率 {Percent(c.AccuracyUnits)}，金额准确率 {Percent(c.AccuracyValue)}（按零售价：系统 ¥{Money(c.ExpectedValue)}，差异 ¥{Money(c.VarianceValue)}）；"
            + $"已登记 {c.Adjustments} 笔库存调整。";

        public override string Cancelled(StocktakeCancelled c) => $"盘点 {c.StocktakeId} 已取消（{c.CancelledBy}），没有登记任何库存调整。";
    }

    private sealed class EnglishTexts : StocktakeTexts
    {
        public override string BotName => "Stocktake assistant";
        public override string Counting => "Counting…";
        public override string Explaining => "Recording the reason…";
        protected override string CountedLabel => "Counted";
        protected override string StocktakeLabel => "Stocktake";
        protected override string ZoneLabel => "Zone";
        protected override string ExpectedLabel => "In the books";
        protected override string DifferenceLabel => "Difference";
        protected override string RecountLabel => "Recount";
        protected override string RecountNeeded => "Over the threshold: recount or explain before completing";

        protected override string HowToCount => "Report counts here as [name][spec][count], e.g. [水彩本][16K][10], or scan them in the app's stocktake screen.";

        protected override string Opening(StocktakeOpened o) =>
            $"📋 {o.OpenedBy} opened {(o.Kind == "cycle" ? "a cycle count" : "a full stocktake")} {o.StocktakeId}"
            + (o.Blind ? " (blind: counters do not see the book figures)" : "") + $", {o.Zones.Count} zone(s):";

        protected override string ZoneLine(StocktakeZone z) =>
            $"• {z.Name} ({z.Covers}, {z.SkuCount} product(s)): {(z.Counters.Count == 0 ? "no counter assigned yet" : At(z.Counters))}";

        public override string CountText(string counter, string product, string unit, int counted, string stocktakeId) =>
            $"{counter} counted {product}: {counted} {unit} (stocktake {stocktakeId})";

        public override string UnknownProduct(string written) => $"No product “{written}” in the catalogue; this was not counted. Please resend with the catalogue's name and spec.";

        protected override string CountTitle(string product) => $"Stocktake count · {product}";

        protected override string Agrees(string zone) => $"{zone}: counted, matches the books";

        protected override string Differs(string zone, IReadOnlyList<string> clauses) => $"{zone}: differences found. {string.Join("; ", clauses)}";

        protected override string Clause(string product, StocktakeVariance v) =>
            $"{product}: the books say {v.Expected} {v.Unit}, counted {v.Counted} {v.Unit}";

        public override string VarianceText(StocktakeVariance v) =>
            $"Difference: {Label(v)} books {v.Expected} {v.Unit}, counted {v.Counted} {v.Unit} ({v.Variance:+0;-0} {v.Unit}). Choose the reason; discuss it in this thread.";

        protected override string VarianceTitle(string zone, string product) => $"Stocktake difference · {zone} · {product}";

        public override string Reason(string reason) => reason switch
        {
            StocktakeReasons.UnrecordedSale => "Unrecorded sale",
            StocktakeReasons.DeliveryNotBooked => "Delivery not booked in",
            StocktakeReasons.Miscount => "Miscount",
            StocktakeReasons.Damage => "Damage",
            StocktakeReasons.Loss => "Loss/theft",
            _ => "Other",
        };

        protected override string Explanation(StocktakeVarianceExplained e) =>
            $"Reason: {Reason(e.Reason)} ({e.ExplainedBy})" + (string.IsNullOrWhiteSpace(e.Note) ? "" : $": {e.Note}");

        public override string RecountAsked(StocktakeVarianceExplained e, string name, string spec, IEnumerable<StocktakeCounter> counters) =>
            $"🔁 {e.ExplainedBy} says {Label(name, spec)} was miscounted: {At(counters)}, please recount it and report the new figure here (it replaces your earlier one).";

        public override string Completed(StocktakeCompleted c) =>
            $"✅ Stocktake {c.StocktakeId} completed ({c.CompletedBy}): {c.SkusCounted} product(s) counted, {c.ExpectedUnits} unit(s) in the books, "
            + $"{c.VarianceUnits} unit(s) off; accuracy {Percent(c.AccuracyUnits)} by units, {Percent(c.AccuracyValue)} by value (at retail: "
            + $"books ¥{Money(c.ExpectedValue)}, off ¥{Money(c.VarianceValue)}); {c.Adjustments} stock adjustment(s) booked.";

        public override string Cancelled(StocktakeCancelled c) => $"Stocktake {c.StocktakeId} was cancelled ({c.CancelledBy}); no stock adjustment was booked.";
    }
}
