namespace Stationery.Contracts.Inventory;

/// <summary>A product joined the chain's catalogue (also published again, complete, when it is updated).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="Sku">The chain's own product code.</param>
/// <param name="Name">名称, e.g. 晨光荧光笔.</param>
/// <param name="Spec">规格型号, e.g. 黄色.</param>
/// <param name="Brand">Brand, e.g. 晨光.</param>
/// <param name="Category">Category, e.g. 笔类.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="Barcode">EAN-13 barcode, if any.</param>
/// <param name="RetailPrice">Retail price in yuan.</param>
/// <param name="PackSize">Units per pack when ordering.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.product-registered")]
public sealed record ProductRegistered(string TenantId, string Sku, string Name, string Spec, string Brand, string Category,
    string Unit, string? Barcode, decimal RetailPrice, int PackSize, DateTimeOffset OccurredAt) : IIntegrationEvent;
