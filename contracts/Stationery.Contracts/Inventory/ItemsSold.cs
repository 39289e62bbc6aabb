namespace Stationery.Contracts.Inventory;

/// <summary>Units of one product were sold at a branch (one event per sale line).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">Units sold (positive).</param>
/// <param name="UnitPrice">Selling price per unit in yuan.</param>
/// <param name="OnHand">On-hand quantity after the sale.</param>
/// <param name="Reference">The sale's reference (receipt number).</param>
/// <param name="SoldAt">When the sale took place.</param>
/// <param name="OccurredAt">When it was recorded.</param>
[WireName("stationery.inventory.items-sold")]
public sealed record ItemsSold(string TenantId, string BranchId, string Sku, int Quantity, decimal UnitPrice, int OnHand,
    string Reference, DateTimeOffset SoldAt, DateTimeOffset OccurredAt) : IIntegrationEvent;
