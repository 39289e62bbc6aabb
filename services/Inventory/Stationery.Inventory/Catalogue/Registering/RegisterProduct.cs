using System.Text.RegularExpressions;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Catalogue.Registering;

public sealed record RegisterProductRequest(string? Sku, string? Name, string? Spec, string? Brand, string? Category,
    string? Unit, string? Barcode, decimal? RetailPrice, int? PackSize);

public static partial class RegisterProduct
{
    /// <summary>Skus appear in routes and stream ids: letters, digits, '.', '_' and '-'.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    public static partial Regex SkuPattern();

    public static void MapRegisterProduct(this RouteGroupBuilder api) =>
        api.MapPost("/products", async (RegisterProductRequest request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var registered = Validate(request, http.User.UserId(), clock.GetUtcNow());

            if (await session.LoadAsync<Product>(Product.StreamId(registered.Sku), ct) is not null)
                throw new DomainException("sku-taken", $"商品编码 {registered.Sku} 已存在 (sku '{registered.Sku}' is already in the catalogue).");
            await EnsureBarcodeFreeAsync(session, registered.Barcode, registered.Sku, ct);

            // A racing registration of the same sku collides on the stream id and answers 409 too.
            session.Events.StartStream<Product>(Product.StreamId(registered.Sku), registered);
            await session.SaveChangesAsync(ct);
            var product = Product.Create(registered);
            return TypedResults.Created($"/api/inventory/products/{product.Sku}", product);
        }).RequirePermission("catalogue.manage").WithName("RegisterProduct");

    /// <summary>A barcode identifies one product of the chain (the till looks it up).</summary>
    public static async Task EnsureBarcodeFreeAsync(IQuerySession session, string? barcode, string sku, CancellationToken ct)
    {
        if (barcode is not null && await session.Query<Product>().AnyAsync(p => p.Barcode == barcode && p.Sku != sku, ct))
            throw new DomainException("barcode-taken", $"条码 {barcode} 已被其他商品使用 (barcode '{barcode}' belongs to another product).");
    }

    /// <summary>Checks every field and reports all failures at once.</summary>
    public static ProductRegistered Validate(RegisterProductRequest r, string by, DateTimeOffset now)
    {
        var v = new Validation()
            .NotEmpty(r.Sku, "sku", 64)
            .NotEmpty(r.Name, "name", 100)
            .NotEmpty(r.Category, "category", 50)
            .NotEmpty(r.Unit, "unit", 10)
            .Require((r.Spec ?? "").Length <= 100, "spec", "must be at most 100 characters")
            .Require((r.Brand ?? "").Length <= 50, "brand", "must be at most 50 characters")
            .Require(r.RetailPrice is null or >= 0, "retailPrice", "must not be negative")
            .Require(r.RetailPrice is null || decimal.Round(r.RetailPrice.Value, 2) == r.RetailPrice, "retailPrice", "must be in yuan with at most 2 decimals")
            .Require(r.PackSize is null or > 0, "packSize", "must be greater than 0");
        if (!string.IsNullOrWhiteSpace(r.Sku) && !SkuPattern().IsMatch(r.Sku.Trim()))
            v.Add("sku", "may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit");
        var barcode = string.IsNullOrWhiteSpace(r.Barcode) ? null : r.Barcode.Trim();
        if (barcode is not null && !Ean13.IsValid(barcode))
            v.Add("barcode", "must be a valid EAN-13 barcode (13 digits with a correct check digit)");
        v.ThrowIfInvalid();

        return new ProductRegistered(r.Sku!.Trim(), r.Name!.Trim(), (r.Spec ?? "").Trim(), (r.Brand ?? "").Trim(),
            r.Category!.Trim(), r.Unit!.Trim(), barcode, r.RetailPrice ?? 0m, r.PackSize ?? 1, by, now);
    }
}
