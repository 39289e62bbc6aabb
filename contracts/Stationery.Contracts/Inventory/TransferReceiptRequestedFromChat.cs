namespace Stationery.Contracts.Inventory;

/// <summary>
/// Someone pressed 收货 on a transfer card in the receiving branch's 库存监控 channel: Inventory takes in everything still on
/// the way (as <c>POST /branches/{branch}/transfers/{id}/receive</c> without lines) and answers with
/// <see cref="TransferReceived"/>, or with <see cref="TransferReceiptRefused"/> saying why not. Published by Chat, which
/// checked the presser's permission (<c>stock.record</c>) and branch when the button was pressed; Inventory checks both again.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The receiving branch (the card's branch).</param>
/// <param name="TransferId">The transfer's number.</param>
/// <param name="RequestedBy">User id of the person who pressed the button.</param>
/// <param name="RequestedByName">Their display name, for the ledger.</param>
/// <param name="RequestedByRoles">Their roles when they pressed it.</param>
/// <param name="RequestedByBranches">The branches their account reaches (hq: every branch, whatever is listed).</param>
/// <param name="ChatMessageId">The card's message.</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.inventory.transfer-receipt-requested-from-chat")]
public sealed record TransferReceiptRequestedFromChat(string TenantId, string BranchId, string TransferId, string RequestedBy,
    string RequestedByName, IReadOnlyList<string> RequestedByRoles, IReadOnlyList<string> RequestedByBranches, string ChatMessageId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
