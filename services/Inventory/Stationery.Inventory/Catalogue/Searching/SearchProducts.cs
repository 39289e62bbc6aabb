using Marten;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Catalogue.Searching;

public static class SearchProducts
{
    private const int Limit = 200;

    /// <summary>
    /// <c>?barcode=</c> finds the product with that EAN-13; <c>?search=</c> is a substring match over name, spec and brand
    /// (Chinese has no word boundaries, so 荧光 finds 晨光荧光笔); both empty lists the catalogue by sku.
    /// The catalogue is the chain's business: staff only (permission <c>catalogue.read</c>), not supplier guests.
    /// </summary>
    public static void MapSearchProducts(this RouteGroupBuilder api) =>
        api.MapGet("/products", async (string? search, string? barcode, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            IQueryable<Product> query = session.Query<Product>();
            if (!string.IsNullOrWhiteSpace(barcode))
            {
                var code = barcode.Trim();
                query = query.Where(p => p.Barcode == code);
            }
            if (!string.IsNullOrWhiteSpace(search))
            {
                var text = search.Trim();
                query = query.Where(p => p.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || p.Spec.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || p.Brand.Contains(text, StringComparison.OrdinalIgnoreCase));
            }
            var products = await query.OrderBy(p => p.Sku).Take(Limit).ToListAsync(ct);
            return TypedResults.Ok(products);
        }).RequirePermission("catalogue.read").WithName("SearchProducts");
}
