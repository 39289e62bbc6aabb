namespace Stationery.Contracts.Purchasing;

/// <summary>
/// A supplier posted a quote in its channel (<c>报价 [SKU或品名] 单价 起订量 [有效期]</c>), Chat recognised it and an owner or hq
/// pressed <c>确认报价</c> on the bot's card: Purchasing records the quote for the supplier (as
/// <c>POST /api/purchasing/suppliers/{supplierId}/quotes</c> would) and answers with <see cref="SupplierQuoteRecorded"/>.
/// Published by Chat, which lets only cost roles press the button; consumed by Purchasing only (it carries a cost).
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="SupplierId">The supplier whose channel the quote was posted in.</param>
/// <param name="Sku">The product Chat matched the quote to.</param>
/// <param name="UnitCost">单价, as posted.</param>
/// <param name="MinOrderQty">起订量, as posted.</param>
/// <param name="ValidUntil">有效期 as posted, or null (Purchasing then applies <see cref="DefaultValidityDays"/> days).</param>
/// <param name="QuotedBy">User id of the supplier's guest who posted the quote.</param>
/// <param name="ConfirmedBy">User id of whoever pressed 确认报价.</param>
/// <param name="ConfirmedByName">Their display name.</param>
/// <param name="ConfirmedByRoles">Their roles (Purchasing checks the cost right again).</param>
/// <param name="QuoteMessageId">The supplier's message with the quote.</param>
/// <param name="ChatMessageId">The bot's card that was pressed.</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.purchasing.supplier-quote-confirmed-in-chat")]
public sealed record SupplierQuoteConfirmedInChat(string TenantId, string SupplierId, string Sku, decimal UnitCost, int MinOrderQty,
    DateOnly? ValidUntil, string QuotedBy, string ConfirmedBy, string ConfirmedByName, IReadOnlyList<string> ConfirmedByRoles,
    string QuoteMessageId, string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>How long a quote posted without 有效期 is valid, from the day it is recorded.</summary>
    public const int DefaultValidityDays = 30;

    /// <summary>The pack size the supplier quoted (orders are in whole packs); null when it gave none, or from older publishers.</summary>
    public int? PackSize { get; init; }
}
