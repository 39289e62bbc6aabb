using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue.Registering;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Catalogue.Changing;

public sealed record DiscontinueRequest(string? Reason);

/// <summary>Changing a catalogue entry (修改商品) and discontinuing it (停售).</summary>
public static class ChangeProduct
{
    public static IReadOnlyList<object> Update(Product? product, ProductUpdated update)
    {
        if (product is null) throw new NotFoundException("商品 product", update.Sku);
        return product.Apply(update) == product ? [] : [update];
    }

    public static IReadOnlyList<object> Discontinue(Product? product, ProductDiscontinued discontinued)
    {
        if (product is null) throw new NotFoundException("商品 product", discontinued.Sku);
        return product.Discontinued ? [] : [discontinued];
    }

    /// <summary>A discontinued product is not reordered: each branch's stock stops alerting (an open alert is resolved).</summary>
    public static IReadOnlyList<object> StopReordering(StockItem? state, ProductDiscontinued d) =>
        state is null || state.Discontinued
            ? []
            : StockStream.Change(state, state.Branch, state.Product, d.At, s => [new StockDiscontinued(s.Branch, s.Sku, d.At)]);

    /// <summary>Each branch's stock of the product shows the new details (the stock stream copied them when it opened).</summary>
    public static IReadOnlyList<object> CopyToStock(StockItem? state, ProductUpdated u) =>
        state is null || state.Product == new ProductFacts(u.Sku, u.Name, u.Spec, u.Unit, u.Category, u.PackSize)
            ? []
            : [new StockProductChanged(state.Branch, u.Sku, u.Name, u.Spec, u.Unit, u.Category, u.PackSize, u.At)];

    private static async Task<IReadOnlyList<string>> BranchesHolding(IQuerySession session, string sku, CancellationToken ct) =>
        await session.Query<StockLevel>().Where(l => l.Sku == sku).Select(l => l.Branch).ToListAsync(ct);

    public static void MapChangeProduct(this RouteGroupBuilder api)
    {
        api.MapPut("/products/{sku}", async (string sku, RegisterProductRequest request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var valid = RegisterProduct.Validate(request with { Sku = sku }, http.User.UserId(), clock.GetUtcNow());
            var update = new ProductUpdated(valid.Sku, valid.Name, valid.Spec, valid.Brand, valid.Category, valid.Unit, valid.Barcode,
                valid.RetailPrice, valid.PackSize, valid.By, valid.At);
            await RegisterProduct.EnsureBarcodeFreeAsync(session, update.Barcode, sku, ct);

            var events = await session.Decide<Product>(Product.StreamId(sku), p => Update(p, update), ct);
            if (events.Count > 0)
            {
                foreach (var branch in await BranchesHolding(session, sku, ct))
                    await session.Decide<StockItem>(StockItem.StreamId(branch, sku), s => CopyToStock(s, update), ct);
                await session.SaveChangesAsync(ct);
            }
            return TypedResults.Ok(await session.LoadAsync<Product>(Product.StreamId(sku), ct));
        }).RequirePermission("catalogue.manage").WithName("ChangeProduct");

        api.MapPost("/products/{sku}/discontinue", async (string sku, DiscontinueRequest? request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            new Validation().Require((request?.Reason ?? "").Length <= 200, "reason", "must be at most 200 characters").ThrowIfInvalid();
            var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();
            var discontinued = new ProductDiscontinued(sku, reason, StockStream.RecorderFor(http.User).By, clock.GetUtcNow());
            var events = await session.Decide<Product>(Product.StreamId(sku), p => Discontinue(p, discontinued), ct);
            if (events.Count > 0)
            {
                foreach (var branch in await BranchesHolding(session, sku, ct))
                    await session.Decide<StockItem>(StockItem.StreamId(branch, sku), s => StopReordering(s, discontinued), ct);
                await session.SaveChangesAsync(ct);
            }
            return TypedResults.Ok(await session.LoadAsync<Product>(Product.StreamId(sku), ct));
        }).RequirePermission("catalogue.manage").WithName("DiscontinueProduct");
    }
}
