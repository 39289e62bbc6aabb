namespace Stationery.Contracts.Purchasing;

/// <summary>One product and quantity on a purchase order (no cost: cost data stays inside Purchasing).</summary>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称, e.g. 晨光荧光笔.</param>
/// <param name="Spec">规格型号, e.g. 黄色.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="Quantity">Units.</param>
public sealed record PurchaseOrderLine(string Sku, string ProductName, string Spec, string Unit, int Quantity);
