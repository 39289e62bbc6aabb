namespace Stationery.Contracts.Inventory;

/// <summary>Stock was corrected outside a sale or receipt (damage, loss, theft, found, correction, count).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="Delta">Signed change in units.</param>
/// <param name="Reason">Reason code: damage, loss, theft, found, correction, count.</param>
/// <param name="Note">Free text from the person adjusting.</param>
/// <param name="OnHand">On-hand quantity after the adjustment.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.stock-adjusted")]
public sealed record StockAdjusted(string TenantId, string BranchId, string Sku, int Delta, string Reason, string? Note, int OnHand,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
