using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Transfers.Dispatching;

namespace Stationery.Inventory.Transfers.Receiving;

/// <summary>
/// 调入确认: the receiving branch confirms units of a transfer arrived; they move from in transit to on hand, once. A
/// receipt may name fewer units than were sent (the rest stays in transit until a later receipt); without lines it takes in
/// everything still on its way.
/// </summary>
/// <param name="ChatMessageId">The chat card the receipt was asked from (收货 in 库存监控), if any.</param>
public sealed record ReceiveTransfer(string Id, string Branch, Recorder Recorder, IReadOnlyList<ReceivedLine>? Lines = null,
    string? ChatMessageId = null)
{
    public static IReadOnlyList<object> Decide(Transfer? transfer, ReceiveTransfer c, DateTimeOffset now)
    {
        if (transfer is null || (transfer.ToBranch != c.Branch && transfer.FromBranch != c.Branch))
            throw new NotFoundException("调拨单 transfer", c.Id);
        if (transfer.ToBranch != c.Branch)
            throw new DomainException("transfer-wrong-branch",
                $"调拨单 {c.Id} 由调入门店 {transfer.ToBranch} 确认收货 (only the receiving branch '{transfer.ToBranch}' confirms it).");
        if (transfer.Status == TransferStatus.Received)
            throw new DomainException("transfer-already-received",
                $"调拨单 {c.Id} 已于 {transfer.ReceivedAt:yyyy-MM-dd HH:mm} 由 {transfer.ReceivedBy} 确认收货 (already received).");
        var receipt = new TransferReceived(c.Id, c.Branch, c.Recorder.By, now, Arriving(transfer, c.Lines), transfer.FromBranch, null,
            c.ChatMessageId);
        return [receipt with { Outstanding = transfer.Apply(receipt).OutstandingLines }];
    }

    /// <summary>What this receipt takes in: the named units, each at most what is still on its way; or all of that.</summary>
    public static IReadOnlyList<TransferLine> Arriving(Transfer transfer, IReadOnlyList<ReceivedLine>? lines)
    {
        if (lines is not { Count: > 0 }) return transfer.OutstandingLines;
        var v = new Validation();
        var arriving = new List<TransferLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (sku, quantity) = lines[i];
            var sent = transfer.Lines.FirstOrDefault(l => l.Sku == sku);
            if (sent is null)
            {
                v.Add($"lines[{i}].sku", $"商品 {sku} 不在调拨单 {transfer.Number} 上 (not on this transfer)");
                continue;
            }
            if (lines.Take(i).Any(l => l.Sku == sku)) v.Add($"lines[{i}].sku", "appears more than once");
            var outstanding = transfer.Outstanding(sku);
            if (quantity < 0) v.Add($"lines[{i}].quantity", "must not be negative");
            else if (quantity > outstanding)
                v.Add($"lines[{i}].quantity", $"最多 {outstanding}：调拨单上还在路上的数量 (must be at most the {outstanding} still on the way)");
            else if (quantity > 0) arriving.Add(sent with { Quantity = quantity });
        }
        if (arriving.Count == 0 && lines.Count > 0) v.Add("lines", "must take in at least one unit");
        v.ThrowIfInvalid();
        return arriving;
    }

    /// <summary>
    /// Records the receipt in the caller's session (the caller commits): the transfer's stream, then each line's stock at the
    /// receiving branch. Answers the transfer as it was before and the receipt.
    /// </summary>
    public static async Task<(Transfer Before, TransferReceived Receipt)> RecordAsync(IDocumentSession session, ReceiveTransfer command,
        DateTimeOffset now, CancellationToken ct)
    {
        Transfer? transfer = null;
        var receipt = (TransferReceived)(await session.Decide<Transfer>(Transfer.StreamId(command.Id),
            t => Decide(transfer = t, command, now), ct))[0];
        foreach (var line in receipt.Lines!)
        {
            var product = await session.LoadAsync<Product>(Product.StreamId(line.Sku), ct);
            var facts = product is null ? new ProductFacts(line.Sku, line.Name, line.Spec, line.Unit, "", 1) : ProductFacts.From(product);
            await session.DecideStock(command.Branch, line.Sku, s => TakeIn(s, command, transfer!.FromBranch, facts, line.Quantity, now), ct);
        }
        return (transfer!, receipt);
    }

    /// <summary>The receiving branch's stock: <paramref name="quantity"/> units on their way for this transfer are now on hand.</summary>
    public static IReadOnlyList<object> TakeIn(StockItem? state, ReceiveTransfer c, string fromBranch, ProductFacts product, int quantity,
        DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, product, now, s =>
            [new StockTransferredIn(c.Branch, s.Sku, quantity, s.OnHand + quantity,
                s.InTransit - Math.Min(quantity, s.Inbound.GetValueOrDefault(c.Id)), c.Id, fromBranch, c.Recorder.By, now)]);
}

/// <summary>One line of a receipt: units of <paramref name="Sku"/> that arrived.</summary>
public sealed record ReceivedLine(string Sku, int Quantity);

/// <summary>The body of a receipt; none (or no lines) takes in everything still on its way.</summary>
public sealed record ReceiveTransferRequest(IReadOnlyList<TransferLineRequest>? Lines);

public static class ReceiveTransferEndpoint
{
    public static void MapReceiveTransfer(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/transfers/{id}/receive", async (string branch, string id, ReceiveTransferRequest? request,
            HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var lines = request?.Lines ?? [];
            var v = new Validation();
            for (var i = 0; i < lines.Count; i++)
            {
                v.NotEmpty(lines[i].Sku, $"lines[{i}].sku", 64);
                v.Require(lines[i].Quantity is not null, $"lines[{i}].quantity", "is required");
            }
            v.ThrowIfInvalid();

            var now = clock.GetUtcNow();
            var command = new ReceiveTransfer(id, branch, StockStream.RecorderFor(http.User),
                [.. lines.Select(l => new ReceivedLine(l.Sku!.Trim(), l.Quantity!.Value))]);
            var (transfer, receipt) = await ReceiveTransfer.RecordAsync(session, command, now, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(TransferView.From(transfer.Apply(receipt)));
        }).RequirePermission("stock.record").WithName("ReceiveTransfer");
}
