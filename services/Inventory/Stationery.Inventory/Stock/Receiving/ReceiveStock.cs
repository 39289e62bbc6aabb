using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Stock.Receiving;

public sealed record ReceiptRequest(string? Reference, IReadOnlyList<ReceiptLineRequest>? Lines);

public sealed record ReceiptLineRequest(string? Sku, int? Quantity);

/// <summary>Book goods into a branch's stock (入库).</summary>
public sealed record ReceiveStock(string Branch, ProductFacts Product, int Quantity, string Reference, Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, ReceiveStock c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
        [
            new StockReceived(c.Branch, s.Sku, c.Quantity, s.OnHand + c.Quantity, c.Reference, c.Recorder.By, c.Recorder.Source, now),
        ]);
}

public static class ReceiveStockEndpoint
{
    public static void MapReceiveStock(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/receipts", async (string branch, ReceiptRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);

            var lines = request.Lines ?? [];
            var v = new Validation().NotEmpty(request.Reference, "reference", 100);
            for (var i = 0; i < lines.Count; i++) v.Quantity(lines[i].Quantity, $"lines[{i}].quantity");
            var products = await StockLines.ProductsAsync(session, lines.Select(l => l.Sku).ToList(), v, ct);
            v.ThrowIfInvalid();

            var now = clock.GetUtcNow();
            var recorder = StockStream.RecorderFor(http.User);
            var results = new List<MovementLineResult>();
            foreach (var line in lines)
            {
                var command = new ReceiveStock(branch, ProductFacts.From(products[line.Sku!]), line.Quantity!.Value, request.Reference!.Trim(), recorder);
                results.Add(await session.DecideStock(branch, line.Sku!, s => ReceiveStock.Decide(s, command, now), ct));
            }
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new MovementResult(request.Reference!.Trim(), results));
        }).RequirePermission("stock.record").WithName("ReceiveStock");
}
