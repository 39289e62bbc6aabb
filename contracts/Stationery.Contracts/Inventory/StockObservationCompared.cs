namespace Stationery.Contracts.Inventory;

/// <summary>
/// Inventory compared a shelf count reported in chat (<see cref="Chat.StockReportedInChat"/>) with its books. Nothing in stock
/// changed: the observation is on the product's ledger, and Chat shows the comparison on the report's card.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Spec">规格型号.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="ReportedOnHand">上报库存: the count the person reported.</param>
/// <param name="SystemOnHand">系统库存: on hand in the books when the report was compared.</param>
/// <param name="Difference">差异 = reported − system: negative when the shelf holds fewer than the books say.</param>
/// <param name="OnOrder">在途: units on open purchase orders for this branch.</param>
/// <param name="InTransit">Units on their way from other branches.</param>
/// <param name="SuggestedQuantity">The order quantity the person suggested in the report, if any.</param>
/// <param name="SystemSuggestedQuantity">
/// Inventory's own suggestion (up to the max level from projected stock, whole packs) when the product has a reorder point,
/// explicit or computed; null without one.
/// </param>
/// <param name="ChannelId">The channel the report was said in.</param>
/// <param name="ChatMessageId">The person's message.</param>
/// <param name="ReplyMessageId">The bot's card answering it, which shows the comparison.</param>
/// <param name="ReportedBy">User id of the person who reported.</param>
/// <param name="OccurredAt">When Inventory compared it.</param>
[WireName("stationery.inventory.stock-observation-compared")]
public sealed record StockObservationCompared(string TenantId, string BranchId, string Sku, string ProductName, string Spec, string Unit,
    int ReportedOnHand, int SystemOnHand, int Difference, int OnOrder, int InTransit, int? SuggestedQuantity, int? SystemSuggestedQuantity,
    string ChannelId, string ChatMessageId, string ReplyMessageId, string ReportedBy, DateTimeOffset OccurredAt) : IIntegrationEvent;
