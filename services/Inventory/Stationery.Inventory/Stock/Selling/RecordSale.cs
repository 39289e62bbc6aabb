using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Stock.Selling;

public sealed record SaleRequest(string? Reference, DateTimeOffset? SoldAt, IReadOnlyList<SaleLineRequest>? Lines);

public sealed record SaleLineRequest(string? Sku, int? Quantity, decimal? UnitPrice);

/// <summary>
/// One line of a sale (销售) at a branch. Stock never goes negative: selling more than is on hand is refused with 409
/// <c>insufficient-stock</c> (no backorders), so the till learns at once that the books and the shelf disagree.
/// </summary>
public sealed record RecordSale(string Branch, ProductFacts Product, int Quantity, decimal UnitPrice, string Reference,
    DateTimeOffset SoldAt, Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, RecordSale c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
        {
            if (c.Quantity > s.OnHand) throw InsufficientStockException.For(s, c.Quantity);
            return [new ItemsSold(c.Branch, s.Sku, c.Quantity, c.UnitPrice, s.OnHand - c.Quantity, c.Reference, c.SoldAt,
                c.Recorder.By, c.Recorder.Source, now)];
        });
}

public static class RecordSaleEndpoint
{
    /// <summary>A sale may be recorded a little after it happened (a till that was offline), never in the future.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static void MapRecordSale(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/sales", async (string branch, SaleRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);

            var now = clock.GetUtcNow();
            var lines = request.Lines ?? [];
            var v = new Validation()
                .NotEmpty(request.Reference, "reference", 100)
                .Require(request.SoldAt is null || request.SoldAt <= now + ClockSkew, "soldAt", "must not be in the future");
            for (var i = 0; i < lines.Count; i++)
            {
                v.Quantity(lines[i].Quantity, $"lines[{i}].quantity");
                v.Require(lines[i].UnitPrice is null or >= 0, $"lines[{i}].unitPrice", "must not be negative");
            }
            var products = await StockLines.ProductsAsync(session, lines.Select(l => l.Sku).ToList(), v, ct);
            v.ThrowIfInvalid();

            var recorder = StockStream.RecorderFor(http.User);
            var reference = request.Reference!.Trim();
            var results = new List<MovementLineResult>();
            var shortages = new List<string>();
            foreach (var line in lines)
            {
                var product = products[line.Sku!];
                var command = new RecordSale(branch, ProductFacts.From(product), line.Quantity!.Value,
                    line.UnitPrice ?? product.RetailPrice, reference, request.SoldAt ?? now, recorder);
                try
                {
                    results.Add(await session.DecideStock(branch, product.Sku, s => RecordSale.Decide(s, command, now), ct));
                }
                catch (InsufficientStockException e)
                {
                    shortages.Add(e.Message);
                }
            }
            // Every short line is reported together; nothing of the sale is written.
            if (shortages.Count > 0) throw new InsufficientStockException(string.Join(" ", shortages));
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new MovementResult(reference, results));
        }).RequirePermission("stock.record").WithName("RecordSale");
}
