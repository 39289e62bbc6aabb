namespace Stationery.Contracts.Chat;

/// <summary>A structured bot message: a title, facts and buttons. Pressing a button publishes an event, never an HTTP call.</summary>
/// <param name="Kind">What the card is about, e.g. <c>low-stock</c>.</param>
/// <param name="Title">Headline, e.g. 低库存 · 晨光荧光笔 黄色.</param>
/// <param name="Fields">Facts shown as label/value pairs.</param>
/// <param name="Actions">Buttons still offered (empty once the card is handled).</param>
/// <param name="Status"><c>open</c>, <c>pending</c> (a button was pressed, waiting for the outcome) or <c>done</c>.</param>
/// <param name="ResolvedBy">Display name of the person who pressed a button, if any.</param>
/// <param name="Resolution">What happened, e.g. 已加入采购清单 20 支.</param>
public sealed record ChatCard(string Kind, string Title, IReadOnlyList<ChatCardField> Fields, IReadOnlyList<ChatCardAction> Actions,
    string Status, string? ResolvedBy, string? Resolution)
{
    /// <summary>The purchase order the card is about (order and discrepancy cards in a supplier channel), if any.</summary>
    public string? PurchaseOrderId { get; init; }

    /// <summary>The product the card is about (stock alerts, stock reports, restock requests): clients link it to the item.</summary>
    public string? Sku { get; init; }

    /// <summary>The branch whose stock the card is about, with <see cref="Sku"/> or <see cref="TransferId"/>.</summary>
    public string? Branch { get; init; }

    /// <summary>The transfer between branches the card is about (调拨 cards in 库存监控): clients link it to the transfer screen.</summary>
    public string? TransferId { get; init; }

    /// <summary>Messages the card cites (a discrepancy card: the order card and the supplier's confirmation); absent when none.</summary>
    public IReadOnlyList<ChatCardLink>? Links { get; init; }

    /// <summary>
    /// The card's picture (a report's chart): the id of one of the message's attachments, read at
    /// <c>GET /api/chat/attachments/{id}</c> by every member of the channel; absent when the card has none.
    /// </summary>
    public string? ImageId { get; init; }
}

/// <summary>One fact on a card.</summary>
/// <param name="Label">e.g. 现有.</param>
/// <param name="Value">e.g. 4 支.</param>
public sealed record ChatCardField(string Label, string Value)
{
    /// <summary>
    /// The value is a price (a unit price, an amount at cost): shown only to viewers who hold <c>costs.see</c> for the card's
    /// supplier; everyone else gets the card without this field.
    /// </summary>
    public bool Priced { get; init; }
}

/// <summary>A button on a card; pressed via <c>POST /api/chat/messages/{messageId}/actions/{id}</c>.</summary>
/// <param name="Id">Stable action id, e.g. <c>add-to-purchase-list</c>.</param>
/// <param name="Label">Button text, e.g. 加入采购清单 20.</param>
/// <param name="Style"><c>primary</c> for the suggested action, otherwise <c>default</c>.</param>
public sealed record ChatCardAction(string Id, string Label, string Style);
