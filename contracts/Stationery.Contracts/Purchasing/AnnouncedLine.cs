namespace Stationery.Contracts.Purchasing;

/// <summary>A product on its way.</summary>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Unit">Counting unit.</param>
/// <param name="Quantity">Units sent.</param>
public sealed record AnnouncedLine(string Sku, string ProductName, string Unit, int Quantity);
