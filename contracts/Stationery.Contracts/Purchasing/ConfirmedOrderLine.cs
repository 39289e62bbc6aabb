namespace Stationery.Contracts.Purchasing;

/// <summary>One line of a supplier's confirmation: what was ordered and what the supplier will deliver.</summary>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Unit">Counting unit.</param>
/// <param name="OrderedQuantity">Units ordered.</param>
/// <param name="ConfirmedQuantity">Units the supplier confirmed (may differ from the order; 0 = cannot supply).</param>
public sealed record ConfirmedOrderLine(string Sku, string ProductName, string Unit, int OrderedQuantity, int ConfirmedQuantity);
