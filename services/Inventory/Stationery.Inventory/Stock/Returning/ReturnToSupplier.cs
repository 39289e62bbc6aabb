using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Stock.Returning;

public sealed record ReturnRequest(string? Reference, string? SupplierId, string? Reason, IReadOnlyList<ReturnLineRequest>? Lines);

public sealed record ReturnLineRequest(string? Sku, int? Quantity);

/// <summary>退货给供应商: units leave the branch back to a supplier; never more than is on hand.</summary>
public sealed record ReturnToSupplier(string Branch, ProductFacts Product, int Quantity, string Reference, string? SupplierId,
    string? Reason, Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, ReturnToSupplier c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
        {
            if (c.Quantity > s.OnHand) throw InsufficientStockException.For(s, c.Quantity);
            return [new StockReturned(c.Branch, s.Sku, c.Quantity, s.OnHand - c.Quantity, c.Reference, c.SupplierId, c.Reason,
                c.Recorder.By, c.Recorder.Source, now)];
        });
}

public static class ReturnToSupplierEndpoint
{
    public static void MapReturnToSupplier(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/returns", async (string branch, ReturnRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);

            var lines = request.Lines ?? [];
            var v = new Validation()
                .NotEmpty(request.Reference, "reference", 100)
                .Require((request.SupplierId ?? "").Length <= 64, "supplierId", "must be at most 64 characters")
                .Require((request.Reason ?? "").Length <= 500, "reason", "must be at most 500 characters");
            for (var i = 0; i < lines.Count; i++) v.Quantity(lines[i].Quantity, $"lines[{i}].quantity");
            var products = await StockLines.ProductsAsync(session, lines.Select(l => l.Sku).ToList(), v, ct);
            v.ThrowIfInvalid();

            var now = clock.GetUtcNow();
            var recorder = StockStream.RecorderFor(http.User);
            var reference = request.Reference!.Trim();
            var supplier = string.IsNullOrWhiteSpace(request.SupplierId) ? null : request.SupplierId.Trim();
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            var results = new List<MovementLineResult>();
            var shortages = new List<string>();
            foreach (var line in lines)
            {
                var command = new ReturnToSupplier(branch, ProductFacts.From(products[line.Sku!]), line.Quantity!.Value, reference,
                    supplier, reason, recorder);
                try
                {
                    results.Add(await session.DecideStock(branch, line.Sku!, s => ReturnToSupplier.Decide(s, command, now), ct));
                }
                catch (InsufficientStockException e)
                {
                    shortages.Add(e.Message);
                }
            }
            if (shortages.Count > 0) throw new InsufficientStockException(string.Join(" ", shortages));
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new MovementResult(reference, results));
        }).RequirePermission("stock.return").WithName("ReturnToSupplier");
}
