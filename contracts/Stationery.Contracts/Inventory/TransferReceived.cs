namespace Stationery.Contracts.Inventory;

/// <summary>
/// 收货: units of a transfer arrived at the receiving branch and are on its hand now. One per receipt: a partial receipt
/// leaves <see cref="Outstanding"/> on the way for a later one.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="TransferId">The transfer's number.</param>
/// <param name="FromBranch">The sending branch.</param>
/// <param name="ToBranch">The receiving branch.</param>
/// <param name="Received">What arrived with this receipt.</param>
/// <param name="Outstanding">What is still on the way after it (empty when the transfer is complete).</param>
/// <param name="ReceivedBy">Display name of the person who confirmed it.</param>
/// <param name="OccurredAt">When it was confirmed.</param>
[WireName("stationery.inventory.transfer-received")]
public sealed record TransferReceived(string TenantId, string TransferId, string FromBranch, string ToBranch,
    IReadOnlyList<TransferredLine> Received, IReadOnlyList<TransferredLine> Outstanding, string ReceivedBy, DateTimeOffset OccurredAt)
    : IIntegrationEvent
{
    /// <summary>The chat card the receipt was asked from (<see cref="TransferReceiptRequestedFromChat"/>), if it came from chat.</summary>
    public string? ChatMessageId { get; init; }
}
