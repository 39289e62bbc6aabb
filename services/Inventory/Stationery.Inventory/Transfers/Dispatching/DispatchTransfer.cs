using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Transfers.Dispatching;

public sealed record TransferRequest(string? ToBranch, IReadOnlyList<TransferLineRequest>? Lines, string? Note);

public sealed record TransferLineRequest(string? Sku, int? Quantity);

/// <summary>
/// 调出: send stock to another branch. The units leave this branch's on hand at once and count as in transit (projected)
/// at the other branch until it confirms receipt; nothing is created or lost on the way.
/// </summary>
public sealed record DispatchTransfer(string Id, string FromBranch, string ToBranch, IReadOnlyList<TransferLine> Lines, string? Note,
    Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(Transfer? existing, DispatchTransfer c, DateTimeOffset now)
    {
        if (existing is not null) throw new DomainException("transfer-exists", $"调拨单 {c.Id} 已存在 (transfer '{c.Id}' exists).");
        if (c.FromBranch == c.ToBranch)
            throw new DomainException("transfer-to-own-branch", "不能调拨给本店 (a transfer must go to another branch).", 400);
        return [new TransferDispatched(c.Id, c.FromBranch, c.ToBranch, c.Lines, c.Note, c.Recorder.By, now)];
    }

    /// <summary>The sending branch's side: the units leave on hand (never below zero).</summary>
    public static IReadOnlyList<object> TakeOut(StockItem? state, DispatchTransfer c, ProductFacts product, int quantity, DateTimeOffset now) =>
        StockStream.Change(state, c.FromBranch, product, now, s =>
        {
            if (quantity > s.OnHand) throw InsufficientStockException.For(s, quantity);
            return [new StockTransferredOut(c.FromBranch, s.Sku, quantity, s.OnHand - quantity, c.Id, c.ToBranch, c.Recorder.By, now)];
        });

    /// <summary>The receiving branch's side: the units are on their way (projected, not on hand).</summary>
    public static IReadOnlyList<object> ExpectIn(StockItem? state, DispatchTransfer c, ProductFacts product, int quantity, DateTimeOffset now) =>
        StockStream.Change(state, c.ToBranch, product, now, s =>
            [new TransferInbound(c.ToBranch, s.Sku, quantity, s.InTransit + quantity, c.Id, c.FromBranch, now)]);
}

public static class DispatchTransferEndpoint
{
    public static void MapDispatchTransfer(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/transfers", async (string branch, TransferRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);

            var lines = request.Lines ?? [];
            var v = new Validation()
                .NotEmpty(request.ToBranch, "toBranch", 64)
                .Require(request.ToBranch?.Trim() != branch, "toBranch", $"must be another branch than '{branch}': a transfer to the own branch moves nothing")
                .Require((request.Note ?? "").Length <= 500, "note", "must be at most 500 characters");
            if (!string.IsNullOrWhiteSpace(request.ToBranch) && request.ToBranch.Trim() != branch
                && await session.LoadAsync<Branch>(request.ToBranch.Trim(), ct) is null)
                v.Add("toBranch", $"unknown branch '{request.ToBranch}'");
            for (var i = 0; i < lines.Count; i++) v.Quantity(lines[i].Quantity, $"lines[{i}].quantity");
            var products = await StockLines.ProductsAsync(session, lines.Select(l => l.Sku).ToList(), v, ct);
            v.ThrowIfInvalid();

            var now = clock.GetUtcNow();
            var transferLines = lines.Select(l => products[l.Sku!]).Zip(lines, (p, l) => new TransferLine(p.Sku, p.Name, p.Spec, p.Unit, l.Quantity!.Value)).ToList();
            var command = new DispatchTransfer($"T-{now:yyyyMMdd}-{Guid.NewGuid():N}"[..17].ToUpperInvariant(), branch,
                request.ToBranch!.Trim(), transferLines, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
                StockStream.RecorderFor(http.User));

            await session.Decide<Transfer>(Transfer.StreamId(command.Id), t => DispatchTransfer.Decide(t, command, now), ct);
            var shortages = new List<string>();
            foreach (var line in transferLines)
            {
                var product = ProductFacts.From(products[line.Sku]);
                try
                {
                    await session.DecideStock(command.FromBranch, line.Sku, s => DispatchTransfer.TakeOut(s, command, product, line.Quantity, now), ct);
                }
                catch (InsufficientStockException e)
                {
                    shortages.Add(e.Message);
                    continue;
                }
                await session.DecideStock(command.ToBranch, line.Sku, s => DispatchTransfer.ExpectIn(s, command, product, line.Quantity, now), ct);
            }
            if (shortages.Count > 0) throw new InsufficientStockException(string.Join(" ", shortages));
            await session.SaveChangesAsync(ct);

            var transfer = Transfer.Create(new TransferDispatched(command.Id, branch, command.ToBranch, transferLines, command.Note, command.Recorder.By, now));
            return TypedResults.Created($"/api/inventory/branches/{branch}/transfers/{command.Id}", TransferView.From(transfer));
        }).RequirePermission("stock.transfer").WithName("DispatchTransfer");
}
