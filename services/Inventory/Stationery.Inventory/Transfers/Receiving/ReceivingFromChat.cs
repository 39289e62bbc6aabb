using Marten;
using MassTransit;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Inventory.Stock;
using Contract = Stationery.Contracts.Inventory;

namespace Stationery.Inventory.Transfers.Receiving;

/// <summary>
/// 收货 pressed on a transfer card in chat: everything still on the way is taken in, as the receive route does without lines,
/// unless the presser may not (role or branch, checked again here) or nothing is left to receive — then a
/// <see cref="TransferReceiptRefused"/> tells the card why.
/// </summary>
public static class ReceivingFromChat
{
    /// <summary>The permission a receipt needs, here as on <c>POST /branches/{branch}/transfers/{id}/receive</c>.</summary>
    public const string Permission = "stock.record";

    /// <summary>Why the request is refused, or null when the receipt may go ahead.</summary>
    public static TransferReceiptRefused? Refusal(Transfer transfer, Contract.TransferReceiptRequestedFromChat m, DateTimeOffset now)
    {
        var by = string.IsNullOrWhiteSpace(m.RequestedByName) ? m.RequestedBy : m.RequestedByName;
        TransferReceiptRefused Refuse(string reason, string explanation) =>
            new(m.TransferId, m.BranchId, reason, explanation, by, m.ChatMessageId, now);
        var rule = Permissions.Named(Permission);
        if (!m.RequestedByRoles.Any(rule.Allows))
            return Refuse("not-permitted", $"{by} 没有收货权限 {Permission} ({by} lacks the permission '{Permission}' to receive transfers).");
        if (!m.RequestedByRoles.Contains(PlatformRoles.Hq) && !m.RequestedByBranches.Contains(m.BranchId))
            return Refuse("not-permitted", $"{by} 不属于门店 {m.BranchId}，不能为它收货 ({by} does not work at branch '{m.BranchId}' and cannot receive for it).");
        if (transfer.ToBranch != m.BranchId)
            return Refuse("wrong-branch", $"调拨单 {transfer.Number} 由调入门店 {transfer.ToBranch} 收货 (only the receiving branch '{transfer.ToBranch}' receives it).");
        if (transfer.Status == TransferStatus.Received)
            return Refuse("already-received",
                $"调拨单 {transfer.Number} 已于 {transfer.ReceivedAt:yyyy-MM-dd HH:mm} 由 {transfer.ReceivedBy} 收货 (already received by {transfer.ReceivedBy}).");
        return null;
    }
}

public sealed class TransferReceiptRequestedFromChatConsumer(IDocumentStore store, TimeProvider clock,
    ILogger<TransferReceiptRequestedFromChatConsumer> log) : IdempotentConsumer<Contract.TransferReceiptRequestedFromChat>(store, log)
{
    protected override async Task Apply(IDocumentSession session, Contract.TransferReceiptRequestedFromChat m,
        ConsumeContext<Contract.TransferReceiptRequestedFromChat> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        if (await session.LoadAsync<Transfer>(Transfer.StreamId(m.TransferId), ct) is not { } transfer)
        {
            log.LogWarning("Receipt of transfer {Transfer} from chat message {Message}: no such transfer; ignored", m.TransferId, m.ChatMessageId);
            return;
        }
        if (ReceivingFromChat.Refusal(transfer, m, now) is { } refusal)
        {
            await session.Decide<Transfer>(Transfer.StreamId(m.TransferId), _ => [refusal], ct);
            return;
        }
        var by = string.IsNullOrWhiteSpace(m.RequestedByName) ? m.RequestedBy : m.RequestedByName;
        var command = new ReceiveTransfer(m.TransferId, m.BranchId, new Recorder(by, $"chat:{m.ChatMessageId}"), null, m.ChatMessageId);
        await ReceiveTransfer.RecordAsync(session, command, now, ct);
    }
}
