namespace Stationery.Contracts.Inventory;

/// <summary>
/// 调出: a branch sent stock to another branch of the chain. The units left the sender's on hand and are in transit to the
/// receiver until it confirms receipt (<see cref="TransferReceived"/>), in the app or with 收货 on the chat card.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="TransferId">The transfer's number, e.g. <c>T-20261203-3F9A1C</c>.</param>
/// <param name="FromBranch">The sending branch.</param>
/// <param name="ToBranch">The receiving branch.</param>
/// <param name="Lines">What was sent.</param>
/// <param name="Note">The sender's note, if any.</param>
/// <param name="DispatchedBy">Display name of the person who sent it.</param>
/// <param name="OccurredAt">When it was sent.</param>
[WireName("stationery.inventory.transfer-dispatched")]
public sealed record TransferDispatched(string TenantId, string TransferId, string FromBranch, string ToBranch,
    IReadOnlyList<TransferredLine> Lines, string? Note, string DispatchedBy, DateTimeOffset OccurredAt) : IIntegrationEvent;
