namespace Stationery.Contracts.Purchasing;

/// <summary>
/// Purchasing recorded a supplier's quote for a product. Deliberately without the price: quotes are cost data and this event
/// travels to every consumer (Chat closes the quote card it came from with it).
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="Sku">The product.</param>
/// <param name="MinOrderQty">起订量.</param>
/// <param name="ValidUntil">The last day the quote is valid.</param>
/// <param name="RecordedBy">User id of whoever entered or confirmed it.</param>
/// <param name="ChatMessageId">The chat card it was confirmed on, or null when entered through the API.</param>
/// <param name="OccurredAt">When it was recorded.</param>
[WireName("stationery.purchasing.supplier-quote-recorded")]
public sealed record SupplierQuoteRecorded(string TenantId, string SupplierId, string Sku, int MinOrderQty, DateOnly ValidUntil,
    string RecordedBy, string? ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
