namespace Stationery.Contracts.Inventory;

/// <summary>缺货: the last unit of a product at a branch is gone (on hand fell from above zero to zero).</summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Spec">规格型号.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="OnOrder">Units on order from suppliers.</param>
/// <param name="InTransit">Units on their way from other branches.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.inventory.out-of-stock")]
public sealed record OutOfStock(string TenantId, string BranchId, string Sku, string ProductName, string Spec, string Unit,
    int OnOrder, int InTransit, DateTimeOffset OccurredAt) : IIntegrationEvent;
