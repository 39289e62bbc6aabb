namespace Stationery.Contracts.Inventory;

/// <summary>Goods were booked into a branch's stock.</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">Units received (positive).</param>
/// <param name="OnHand">On-hand quantity after the receipt.</param>
/// <param name="Reference">Delivery note, purchase order or other reference.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.stock-received")]
public sealed record StockReceived(string TenantId, string BranchId, string Sku, int Quantity, int OnHand, string Reference,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
