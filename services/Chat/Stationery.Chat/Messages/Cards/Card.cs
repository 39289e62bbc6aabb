using Stationery.Contracts.Chat;
using Stationery.Hosting.Errors;

namespace Stationery.Chat.Messages.Cards;

/// <summary>
/// A bot card on a message: facts, buttons and, for a report, its chart (<see cref="ImageId"/>: one of the message's
/// attachments, so whoever may read the message may open it). Each button carries what pressing it needs (the branch, product and
/// quantity of a purchase request; the order and receipt of a supplier's answer), so pressing never looks anything up in
/// another service.
/// </summary>
public sealed record Card(string Kind, string Title, CardField[] Fields, CardAction[] Actions, string Status, string? ResolvedBy,
    string? Resolution, string? Branch, string? Sku, string? PurchaseOrderId = null, string? SupplierId = null, string? ReceiptId = null,
    QuoteTerms? Quote = null, CardLink[]? Links = null, string? TransferId = null, Guid? ImageId = null, string? StocktakeId = null)
{
    public const string Open = "open";
    public const string Pending = "pending";
    public const string Done = "done";

    public ChatCard ToContract() => new(Kind, Title, [.. Fields.Select(f => new ChatCardField(f.Label, f.Value) { Priced = f.Priced })],
        Status == Open ? [.. Actions.Select(a => new ChatCardAction(a.Id, a.Label, a.Style))] : [], Status, ResolvedBy, Resolution)
    {
        PurchaseOrderId = PurchaseOrderId,
        Sku = Sku,
        Branch = Sku is null && TransferId is null ? null : Branch,
        TransferId = TransferId,
        Links = Links is { Length: > 0 } ? [.. Links.Select(l => new ChatCardLink(l.Kind, l.Label, l.ChannelId, l.MessageId.ToString(), l.Seq, l.By, l.At))] : null,
        ImageId = ImageId?.ToString(),
    };
}

/// <param name="Priced">A price (unit price, amount at cost): only viewers with <c>costs.see</c> for the card's supplier see the field.</param>
public sealed record CardField(string Label, string Value, bool Priced = false);

/// <summary>A message the card cites (<see cref="CardLinks"/>), opened by clients at its channel and seq.</summary>
public sealed record CardLink(string Kind, string Label, string ChannelId, Guid MessageId, long Seq, string? By, DateTimeOffset At);

public static class CardLinks
{
    /// <summary>The order card: the purchase order as it was sent to the supplier.</summary>
    public const string Order = "order";

    /// <summary>The supplier's confirmation: who confirmed what, and when.</summary>
    public const string Confirmation = "confirmation";
}

/// <summary>The terms of a quote a supplier posted in its channel, carried by the quote card to the confirming press.</summary>
public sealed record QuoteTerms(decimal UnitCost, int MinOrderQty, DateOnly? ValidUntil, string QuotedBy, Guid QuoteMessageId, int? PackSize = null);

/// <param name="ForSupplier">Only a guest of the card's supplier may press it (the supplier's own answer).</param>
public sealed record CardAction(string Id, string Label, string Style, int? Quantity, bool ForSupplier = false);

/// <summary>The buttons the platform knows how to carry out.</summary>
public static class CardActions
{
    /// <summary>加入采购清单: Purchasing puts the card's product on the branch's purchase list.</summary>
    public const string AddToPurchaseList = "add-to-purchase-list";

    /// <summary>确认订单: the supplier confirms the card's purchase order as ordered (Purchasing decides; the card waits for it).</summary>
    public const string ConfirmOrder = "confirm-order";

    /// <summary>补发: the supplier will deliver what is missing.</summary>
    public const string AcknowledgeBackorder = "acknowledge-backorder";

    /// <summary>开红字发票: the supplier settles the difference with a credit note.</summary>
    public const string AcknowledgeCreditNote = "acknowledge-credit-note";

    /// <summary>确认报价: an owner or hq confirms the quote a supplier posted in its channel; Purchasing records it.</summary>
    public const string ConfirmQuote = "confirm-quote";

    /// <summary>记为盘点数量: Inventory records the card's reported count as the shelf's stock (roles that may adjust only).</summary>
    public const string RecordSpotCount = "record-spot-count";

    /// <summary>收货: Inventory takes in everything of the card's transfer still on its way (the receiving branch's staff).</summary>
    public const string ReceiveTransfer = "receive-transfer";

    private const string ExplainPrefix = "explain-";

    /// <summary>
    /// 销售漏记 / 进货未入库 / 数错 / 损坏 / 丢失/被盗 / 其他 on a stocktake variance's card: Inventory records the reason (one of
    /// <see cref="Stationery.Contracts.Inventory.StocktakeReasons"/>) with the presser's note.
    /// </summary>
    public static string ExplainVariance(string reason) => ExplainPrefix + reason;

    /// <summary>The stocktake reason an explain button stands for; null for every other button.</summary>
    public static string? ReasonOf(string actionId) =>
        actionId.StartsWith(ExplainPrefix, StringComparison.Ordinal) && Stationery.Contracts.Inventory.StocktakeReasons.All.Contains(actionId[ExplainPrefix.Length..])
            ? actionId[ExplainPrefix.Length..]
            : null;

    /// <summary>
    /// The permission (a row of <see cref="Stationery.Hosting.Security.Permissions.Table"/>) each button needs, checked with
    /// the card's branch and supplier as its reach — the same rule as the route the outcome's service serves.
    /// </summary>
    public static string PermissionFor(string actionId) => actionId switch
    {
        AddToPurchaseList => "purchase-list",
        ConfirmOrder => "orders.confirm",
        AcknowledgeBackorder or AcknowledgeCreditNote => "orders.answer",
        ConfirmQuote => "quotes.confirm",
        RecordSpotCount or ReceiveTransfer => "stock.record",
        _ when ReasonOf(actionId) is not null => "stocktake.count",
        _ => throw new NotFoundException("Action", actionId),
    };

    /// <summary>Buttons whose outcome another service decides: the card shows "pending" until it arrives.</summary>
    public static bool AwaitsOutcome(string actionId) => actionId is AddToPurchaseList or ConfirmOrder or RecordSpotCount or ConfirmQuote
        or ReceiveTransfer || ReasonOf(actionId) is not null;
}

/// <summary>Someone pressed a card's button (the fact; <see cref="CardUpdated"/> records what the card shows now).</summary>
/// <param name="Roles">The presser's roles, for a request whose receiver checks them again (a spot count).</param>
/// <param name="Branches">The branches the presser's account reaches, for a receiver that checks reach again (收货).</param>
/// <param name="StocktakeId">The stocktake of a variance card.</param>
/// <param name="Note">What the presser wrote with a variance's reason.</param>
public sealed record CardActionPressed(Guid MessageId, long Seq, string ActionId, string? Branch, string? Sku, int? Quantity,
    string UserId, string UserName, DateTimeOffset PressedAt, string? PurchaseOrderId = null, string? SupplierId = null, string? ReceiptId = null,
    string[]? Roles = null, QuoteTerms? Quote = null, DateOnly? ExpectedBy = null, string? TransferId = null, string[]? Branches = null,
    string? StocktakeId = null, string? Note = null);

/// <summary>A card's state changed (pressed, then its outcome arrived). Carries the message text for the public contract.</summary>
public sealed record CardUpdated(Guid MessageId, long Seq, Card Card, string Text, string[] Mentions, DateTimeOffset UpdatedAt);
