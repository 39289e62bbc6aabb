namespace Stationery.Contracts.Purchasing;

/// <summary>One product in a delivery received against a purchase order.</summary>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Unit">Counting unit.</param>
/// <param name="Quantity">Units received in this delivery (positive): the stock to book in.</param>
/// <param name="ReceivedTotal">Units received on this order line so far, this delivery included.</param>
/// <param name="ExpectedQuantity">Units expected on this line: the confirmed quantity, or the ordered one if unconfirmed.</param>
public sealed record ReceivedLine(string Sku, string ProductName, string Unit, int Quantity, int ReceivedTotal, int ExpectedQuantity);
