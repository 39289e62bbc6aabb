namespace Stationery.Contracts.Inventory;

/// <summary>Why a stock alert closed, as it goes on the wire.</summary>
public static class StockAlertResolution
{
    /// <summary>已补货: stock on hand is back (above the reorder point; for a product without one, above zero).</summary>
    public const string Restocked = "restocked";

    /// <summary>已下单补货: on hand is still at or below the reorder point, but purchase orders placed lift the projection above it.</summary>
    public const string OnOrder = "on-order";

    /// <summary>Units on their way from another branch lift the projection above the reorder point.</summary>
    public const string InTransit = "in-transit";

    /// <summary>The reorder point was removed: nothing to be low against.</summary>
    public const string PolicyRemoved = "policy-removed";

    /// <summary>停售: the product is sold off, not reordered.</summary>
    public const string Discontinued = "discontinued";
}
