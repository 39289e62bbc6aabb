namespace Stationery.Contracts.Inventory;

/// <summary>
/// 停售: the chain stopped carrying a product. Stock on hand can still be sold, moved and corrected, but no more is
/// received or ordered.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="Sku">The product.</param>
/// <param name="Reason">Why, as entered, if given.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.product-discontinued")]
public sealed record ProductDiscontinued(string TenantId, string Sku, string? Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;
