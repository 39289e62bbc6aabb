namespace Stationery.Contracts.Purchasing;

/// <summary>One order line whose received quantity differs from what was agreed, or that arrived partly damaged.</summary>
/// <param name="Sku">The product.</param>
/// <param name="ProductName">名称.</param>
/// <param name="Unit">Counting unit.</param>
/// <param name="OrderedQuantity">Units ordered (订购).</param>
/// <param name="ConfirmedQuantity">Units the supplier confirmed (确认), or null if the order was never confirmed.</param>
/// <param name="ReceivedQuantity">Sound units received so far on this line (实收).</param>
/// <param name="DamagedQuantity">Units that arrived damaged on this line so far (破损; not in <paramref name="ReceivedQuantity"/>).</param>
public sealed record DiscrepancyLine(string Sku, string ProductName, string Unit, int OrderedQuantity, int? ConfirmedQuantity,
    int ReceivedQuantity, int DamagedQuantity = 0);
