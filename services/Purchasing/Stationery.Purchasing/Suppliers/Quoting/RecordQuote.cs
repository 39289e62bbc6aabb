using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.Suppliers.Listing;

namespace Stationery.Purchasing.Suppliers.Quoting;

/// <summary><c>packSize</c>: how many units the supplier sells the product in (包装数), when it differs from the catalogue's.</summary>
public sealed record RecordQuoteRequest(string? Sku, decimal? UnitCost, int? MinOrderQty, DateOnly? ValidUntil, int? PackSize = null);

/// <summary>报价: a supplier's unit cost for one product. Entered by a cost role, or by the supplier's own guest.</summary>
public static class RecordQuote
{
    public sealed record Command(string SupplierId, string Sku, decimal UnitCost, int MinOrderQty, DateOnly ValidUntil, string By,
        int? PackSize = null);

    public static RouteGroupBuilder MapRecordQuote(this RouteGroupBuilder api)
    {
        api.MapPost("/suppliers/{supplierId}/quotes", async (string supplierId, RecordQuoteRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User;
            // Another supplier's quotes are answered as if that supplier did not exist.
            if (user.IsSupplierGuest() && !user.SpeaksFor(supplierId))
                throw new NotFoundException("供应商 supplier", supplierId);
            var supplier = await session.SupplierAsync(supplierId, ct);

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var command = Validate(request, supplierId, user.UserId(), today);
            if (await session.LoadAsync<ProductCopy>(command.Sku, ct) is null)
                throw ProductLookup.UnknownSku("sku", command.Sku);

            var events = await session.Decide<Supplier>(Supplier.StreamId(supplierId), s => Decide(s, command, clock.GetUtcNow()), ct);
            await session.SaveChangesAsync(ct);
            var e = (QuoteRecorded)events[0];
            return TypedResults.Created($"/api/purchasing/quotes?sku={Uri.EscapeDataString(e.Sku)}",
                new QuoteView(e.SupplierId, supplier.Name, e.Sku, e.UnitCost, e.MinOrderQty, e.ValidUntil, supplier.LeadTimeDays, e.At)
                    { PackSize = e.PackSize });
        }).RequirePermission("costs.see").WithName("RecordQuote");
        return api;
    }

    public static Command Validate(RecordQuoteRequest r, string supplierId, string by, DateOnly today)
    {
        var v = new Validation()
            .NotEmpty(r.Sku, "sku", 64)
            .Require(r.UnitCost is not null, "unitCost", "is required")
            .Require(r.UnitCost is null or > 0, "unitCost", "must be greater than 0")
            .Require(r.UnitCost is null || decimal.Round(r.UnitCost.Value, 4) == r.UnitCost, "unitCost", "must have at most 4 decimals")
            .Require(r.MinOrderQty is null or > 0, "minOrderQty", "must be greater than 0")
            .Require(r.PackSize is null or (> 0 and <= 100_000), "packSize", "must be between 1 and 100000")
            .Require(r.ValidUntil is not null, "validUntil", "is required")
            .Require(r.ValidUntil is null || r.ValidUntil >= today, "validUntil", "must not be in the past");
        v.ThrowIfInvalid();
        return new Command(supplierId, r.Sku!.Trim(), r.UnitCost!.Value, r.MinOrderQty ?? 1, r.ValidUntil!.Value, by, r.PackSize);
    }

    public static IReadOnlyList<object> Decide(Supplier? supplier, Command c, DateTimeOffset now)
    {
        if (supplier is null) throw new NotFoundException("供应商 supplier", c.SupplierId);
        return [new QuoteRecorded(c.SupplierId, c.Sku, c.UnitCost, c.MinOrderQty, c.ValidUntil, c.By, now, PackSize: c.PackSize)];
    }
}
