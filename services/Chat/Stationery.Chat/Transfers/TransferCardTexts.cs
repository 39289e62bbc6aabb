using Stationery.Chat.Messages.Cards;
using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Transfers;

/// <summary>
/// What the transfer card (调拨) and the arrival note say: zh-CN by default, English with <c>Chat:BotLanguage = en</c> (as
/// <see cref="Alerts.StockBotTexts"/>). Branches are named as the directory knows them.
/// </summary>
public abstract class TransferCardTexts
{
    private static readonly TransferCardTexts Chinese = new ChineseTexts(), English = new EnglishTexts();

    public static TransferCardTexts For(IConfiguration config) =>
        config["Chat:BotLanguage"] is { } language && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public const string Kind = "transfer";

    public abstract string BotName { get; }

    /// <summary>What the card says between the press and Inventory's answer.</summary>
    public abstract string Receiving { get; }

    /// <summary>The card in the receiving branch's 库存监控: from where, what, the note, and 收货 (everything still on its way).</summary>
    public Card Dispatched(TransferDispatched t, string fromName) => new(Kind, Title(t.TransferId, fromName),
        [
            .. t.Lines.Select(l => new CardField(Label(l), Amount(l))),
            .. string.IsNullOrWhiteSpace(t.Note) ? Array.Empty<CardField>() : [new CardField(NoteLabel, t.Note)],
            new CardField(SentByLabel, t.DispatchedBy),
        ],
        [new CardAction(CardActions.ReceiveTransfer, ReceiveButton, "primary", null)], Card.Open, null, null, t.ToBranch, null, TransferId: t.TransferId);

    public abstract string DispatchedText(TransferDispatched t, string fromName);

    /// <summary>The card after a receipt: 已收货 when everything is in, else 部分收货 with what is still to come and 收货 for it.</summary>
    public Card Received(Card card, TransferReceived r) => r.Outstanding.Count == 0
        ? card with { Status = Card.Done, ResolvedBy = r.ReceivedBy, Resolution = AllReceived(r) }
        : card with { Status = Card.Open, ResolvedBy = null, Resolution = PartlyReceived(r), Actions = [new CardAction(CardActions.ReceiveTransfer, ReceiveRestButton, "primary", null)] };

    /// <summary>The card after Inventory refused a press: open again for someone who may, or done when nothing is left.</summary>
    public static Card Refused(Card card, TransferReceiptRefused r) => r.Reason == "already-received"
        ? card with { Status = Card.Done, Resolution = r.Explanation }
        : card with { Status = Card.Open, ResolvedBy = null, Resolution = r.Explanation };

    /// <summary>The note in the sending branch's 库存监控: it arrived, and what is still short.</summary>
    public abstract string ArrivalNote(TransferReceived r, string toName);

    protected abstract string Title(string transferId, string fromName);

    protected abstract string NoteLabel { get; }

    protected abstract string SentByLabel { get; }

    protected abstract string ReceiveButton { get; }

    protected abstract string ReceiveRestButton { get; }

    protected abstract string AllReceived(TransferReceived r);

    protected abstract string PartlyReceived(TransferReceived r);

    protected static string Label(TransferredLine l) => string.IsNullOrWhiteSpace(l.Spec) ? l.Name : $"{l.Name} {l.Spec}";

    protected static string Amount(TransferredLine l) => $"{l.Quantity} {l.Unit}";

    protected static string List(IEnumerable<TransferredLine> lines, string separator) =>
        string.Join(separator, lines.Select(l => $"{Label(l)} {Amount(l)}"));

    private sealed class ChineseTexts : TransferCardTexts
    {
        public override string BotName => "库存助手";
        public override string Receiving => "正在收货…";
        protected override string NoteLabel => "备注";
        protected override string SentByLabel => "调出人";
        protected override string ReceiveButton => "收货";
        protected override string ReceiveRestButton => "收取其余";

        protected override string Title(string transferId, string fromName) => $"调拨到货 · 来自{fromName} · {transferId}";

        public override string DispatchedText(TransferDispatched t, string fromName) =>
            $"{fromName} 调拨 {t.Lines.Count} 种商品到本店（{t.TransferId}），到货点“收货”；只收到一部分请在 库存 → 调拨 里按件收货。";

        protected override string AllReceived(TransferReceived r) => $"已收货：全部到齐（{r.ReceivedBy}）";

        protected override string PartlyReceived(TransferReceived r) =>
            $"部分收货：已收 {List(r.Received, "、")}；未到 {List(r.Outstanding, "、")}（{r.ReceivedBy}）";

        public override string ArrivalNote(TransferReceived r, string toName) => r.Outstanding.Count == 0
            ? $"调拨单 {r.TransferId} 已到 {toName}（{r.ReceivedBy} 收货）：{List(r.Received, "、")}，全部到齐。"
            : $"调拨单 {r.TransferId} 部分到 {toName}（{r.ReceivedBy} 收货）：收到 {List(r.Received, "、")}；短缺 {List(r.Outstanding, "、")}。";
    }

    private sealed class EnglishTexts : TransferCardTexts
    {
        public override string BotName => "Stock assistant";
        public override string Receiving => "Receiving…";
        protected override string NoteLabel => "Note";
        protected override string SentByLabel => "Sent by";
        protected override string ReceiveButton => "Receive";
        protected override string ReceiveRestButton => "Receive the rest";

        protected override string Title(string transferId, string fromName) => $"Transfer from {fromName} · {transferId}";

        public override string DispatchedText(TransferDispatched t, string fromName) =>
            $"{fromName} sent {t.Lines.Count} product(s) to this branch ({t.TransferId}). Press Receive when it arrives; for part of it, use Stock → Transfers.";

        protected override string AllReceived(TransferReceived r) => $"Received in full ({r.ReceivedBy})";

        protected override string PartlyReceived(TransferReceived r) =>
            $"Partly received: {List(r.Received, ", ")}; still to come {List(r.Outstanding, ", ")} ({r.ReceivedBy})";

        public override string ArrivalNote(TransferReceived r, string toName) => r.Outstanding.Count == 0
            ? $"Transfer {r.TransferId} arrived at {toName} (received by {r.ReceivedBy}): {List(r.Received, ", ")}, complete."
            : $"Transfer {r.TransferId} partly arrived at {toName} (received by {r.ReceivedBy}): {List(r.Received, ", ")}; short {List(r.Outstanding, ", ")}.";
    }
}
