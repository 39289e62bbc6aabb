namespace Stationery.Contracts.Inventory;

/// <summary>
/// A spot count from chat (<see cref="SpotCountRequested"/>) is on the books: on hand is now the counted figure. When it
/// differed, a <see cref="StockAdjusted"/> with reason <c>count</c> was recorded with it.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch code.</param>
/// <param name="Sku">The product.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="Counted">The units counted.</param>
/// <param name="Delta">The adjustment it took (counted − on hand before it); 0 when the books already agreed.</param>
/// <param name="OnHand">On hand now (the counted figure).</param>
/// <param name="RecordedBy">Display name of the person who asked for it.</param>
/// <param name="ChatMessageId">The card's message the request came from.</param>
/// <param name="OccurredAt">When it was recorded.</param>
[WireName("stationery.inventory.spot-count-recorded")]
public sealed record SpotCountRecorded(string TenantId, string BranchId, string Sku, string Unit, int Counted, int Delta, int OnHand,
    string RecordedBy, string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
