namespace Stationery.Contracts.Inventory;

/// <summary>The states of a stock alert, as they go on the wire.</summary>
public static class StockAlertState
{
    /// <summary>低库存: on hand, on order and in transit together at or below the reorder point, some still on hand.</summary>
    public const string Low = "low";

    /// <summary>缺货: nothing on hand, and what is on order or in transit does not lift the product above its reorder point.</summary>
    public const string Out = "out";

    /// <summary>No alert open.</summary>
    public const string Resolved = "resolved";
}
