namespace Stationery.Contracts.Chat;

/// <summary>
/// Someone reported a product's shelf count in a branch channel (house format <c>[晨光荧光笔][黄色][3][20]</c> or
/// unambiguous free text), and Chat matched it to one catalogue product. Inventory compares it with the books.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch whose channel it was said in.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="ChatMessageId">The person's message.</param>
/// <param name="ReplyMessageId">The bot's answer card in the message's thread, which the comparison should update.</param>
/// <param name="Sku">The product.</param>
/// <param name="ReportedOnHand">The count the person reported.</param>
/// <param name="SuggestedQuantity">The order quantity they suggested, if any.</param>
/// <param name="ReportedBy">User id of the person.</param>
/// <param name="OccurredAt">When it was said.</param>
[WireName("stationery.chat.stock-reported-in-chat")]
public sealed record StockReportedInChat(string TenantId, string BranchId, string ChannelId, string ChatMessageId, string ReplyMessageId,
    string Sku, int ReportedOnHand, int? SuggestedQuantity, string ReportedBy, DateTimeOffset OccurredAt) : IIntegrationEvent;
