namespace Stationery.Contracts.Inventory;

/// <summary>
/// Inventory did not take in a transfer asked for from chat (<see cref="TransferReceiptRequestedFromChat"/>): the card says
/// why and nothing moved.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch the receipt was asked for.</param>
/// <param name="TransferId">The transfer's number.</param>
/// <param name="Reason">
/// <c>already-received</c> (everything has arrived already), <c>not-permitted</c> (the presser's roles lack <c>stock.record</c>
/// or their account does not reach the branch) or <c>wrong-branch</c> (the branch is not the transfer's receiver).
/// </param>
/// <param name="Explanation">What the card shows, Chinese first then English.</param>
/// <param name="RequestedByName">Display name of the person who pressed the button.</param>
/// <param name="ChatMessageId">The card's message.</param>
/// <param name="OccurredAt">When Inventory refused it.</param>
[WireName("stationery.inventory.transfer-receipt-refused")]
public sealed record TransferReceiptRefused(string TenantId, string BranchId, string TransferId, string Reason, string Explanation,
    string RequestedByName, string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;
