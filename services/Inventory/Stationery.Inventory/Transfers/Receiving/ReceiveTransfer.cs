using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Transfers.Receiving;

/// <summary>调入确认: the receiving branch confirms a transfer arrived; its units move from in transit to on hand, once.</summary>
public sealed record ReceiveTransfer(string Id, string Branch, Recorder Recorder)
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
        return [new TransferReceived(c.Id, c.Branch, c.Recorder.By, now)];
    }

    /// <summary>The receiving branch's stock: what was on its way for this transfer is now on hand.</summary>
    public static IReadOnlyList<object> TakeIn(StockItem? state, ReceiveTransfer c, string fromBranch, ProductFacts product, int quantity,
        DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, product, now, s =>
            [new StockTransferredIn(c.Branch, s.Sku, quantity, s.OnHand + quantity, s.InTransit - s.Inbound.GetValueOrDefault(c.Id),
                c.Id, fromBranch, c.Recorder.By, now)]);
}

public static class ReceiveTransferEndpoint
{
    public static void MapReceiveTransfer(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/transfers/{id}/receive", async (string branch, string id, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);

            var now = clock.GetUtcNow();
            var command = new ReceiveTransfer(id, branch, StockStream.RecorderFor(http.User));
            Transfer? transfer = null;
            await session.Decide<Transfer>(Transfer.StreamId(id), t => ReceiveTransfer.Decide(transfer = t, command, now), ct);
            foreach (var line in transfer!.Lines)
            {
                var product = await session.LoadAsync<Product>(Product.StreamId(line.Sku), ct);
                var facts = product is null ? new ProductFacts(line.Sku, line.Name, line.Spec, line.Unit, "", 1) : ProductFacts.From(product);
                await session.DecideStock(branch, line.Sku, s => ReceiveTransfer.TakeIn(s, command, transfer.FromBranch, facts, line.Quantity, now), ct);
            }
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(TransferView.From(transfer.Apply(new TransferReceived(id, branch, command.Recorder.By, now))));
        }).RequirePermission("stock.record").WithName("ReceiveTransfer");
}
