namespace Stationery.Contracts.Purchasing;

/// <summary>
/// A supplier (供应商) was registered with the chain. Chat opens the supplier's channel from it; Identity binds supplier
/// guest logins to <paramref name="SupplierId"/>.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="SupplierId">Stable supplier id, e.g. <c>demo-supplier-chenguang</c>.</param>
/// <param name="Name">Display name, e.g. 晨光文具供应商.</param>
/// <param name="Contact">Contact person and phone as entered, if any.</param>
/// <param name="LeadTimeDays">Declared lead time in days from order to delivery.</param>
/// <param name="Categories">Product categories the supplier delivers, e.g. 笔类, 本册.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.purchasing.supplier-registered")]
public sealed record SupplierRegistered(string TenantId, string SupplierId, string Name, string? Contact, int LeadTimeDays,
    IReadOnlyList<string> Categories, DateTimeOffset OccurredAt) : IIntegrationEvent;
