namespace Stationery.Contracts.Purchasing;

/// <summary>One product in a delivery received against a purchase order.</summary>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Unit">Counting unit.</param>
/// <param name="Quantity">Sound units received in this delivery: the stock to book in (0 when every unit arrived damaged).</param>
/// <param name="ReceivedTotal">Sound units received on this order line so far, this delivery included.</param>
/// <param name="ExpectedQuantity">Units expected on this line: the confirmed quantity, or the ordered one if unconfirmed.</param>
/// <param name="DamagedQuantity">Units of this delivery that arrived damaged (破损): not booked into stock, still outstanding.</param>
public sealed record ReceivedLine(string Sku, string ProductName, string Unit, int Quantity, int ReceivedTotal, int ExpectedQuantity,
    int DamagedQuantity = 0);
