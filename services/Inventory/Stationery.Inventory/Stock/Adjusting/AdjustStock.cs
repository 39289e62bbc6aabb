using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;

namespace Stationery.Inventory.Stock.Adjusting;

public sealed record AdjustmentRequest(string? Sku, int? Delta, string? Reason, string? Note);

/// <summary>Correct stock outside a sale or receipt (报损, 盘盈, 盘亏…), always with a reason.</summary>
public sealed record AdjustStock(string Branch, ProductFacts Product, int Delta, AdjustmentReason Reason, string? Note, Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, AdjustStock c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
        {
            if (s.OnHand + c.Delta < 0) throw InsufficientStockException.For(s, -c.Delta);
            return [new StockAdjusted(c.Branch, s.Sku, c.Delta, c.Reason, c.Note, s.OnHand + c.Delta, c.Recorder.By, c.Recorder.Source, now)];
        });
}

public static class AdjustStockEndpoint
{
    public static void MapAdjustStock(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/adjustments", async (string branch, AdjustmentRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);

            var v = new Validation()
                .NotEmpty(request.Sku, "sku", 64)
                .Require(request.Delta is not null and not 0, "delta", "is required and must not be 0")
                .Require((request.Note ?? "").Length <= 500, "note", "must be at most 500 characters");
            AdjustmentReason reason = default;
            if (string.IsNullOrWhiteSpace(request.Reason)
                || !Enum.TryParse(request.Reason, ignoreCase: true, out reason) || !Enum.IsDefined(reason)
                || int.TryParse(request.Reason, out _))
                v.Add("reason", "is required: one of damage, loss, theft, found, correction, count");
            Product? product = null;
            if (!string.IsNullOrWhiteSpace(request.Sku))
            {
                product = await session.LoadAsync<Product>(Product.StreamId(request.Sku), ct);
                if (product is null) v.Add("sku", $"unknown sku '{request.Sku}': register the product in the catalogue first");
            }
            v.ThrowIfInvalid();

            var command = new AdjustStock(branch, ProductFacts.From(product!), request.Delta!.Value, reason,
                string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), StockStream.RecorderFor(http.User));
            var now = clock.GetUtcNow();
            var result = await session.DecideStock(branch, product!.Sku, s => AdjustStock.Decide(s, command, now), ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(result);
        }).RequirePermission("stock.adjust").WithName("AdjustStock");
}
