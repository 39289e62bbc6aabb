namespace Stationery.Contracts.Inventory;

/// <summary>One product and quantity on a transfer between branches (调拨).</summary>
/// <param name="Sku">The product.</param>
/// <param name="Name">名称, e.g. 晨光中性笔.</param>
/// <param name="Spec">规格型号, e.g. 0.5mm 黑色.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="Quantity">Units.</param>
public sealed record TransferredLine(string Sku, string Name, string Spec, string Unit, int Quantity);
