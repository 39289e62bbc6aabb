using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Purchasing.Suppliers.Listing;

/// <summary>A supplier as the API shows it: no prices (those are under <c>/quotes</c>, for cost roles only).</summary>
public sealed record SupplierView(string Id, string Name, string? Contact, int LeadTimeDays, IReadOnlyList<string> Categories,
    DateTimeOffset RegisteredAt)
{
    public static SupplierView From(Supplier s) => new(s.SupplierId, s.Name, s.Contact, s.LeadTimeDays, s.Categories, s.RegisteredAt);
}

public static class ListSuppliers
{
    public static RouteGroupBuilder MapListSuppliers(this RouteGroupBuilder api)
    {
        api.MapGet("/suppliers", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            // A supplier guest sees only the supplier it speaks for.
            var guestOf = http.User.IsSupplierGuest() ? http.User.SupplierId() ?? "" : null;
            var suppliers = await session.Query<Supplier>().ToListAsync(ct);
            return TypedResults.Ok(suppliers
                .Where(s => guestOf is null || s.SupplierId == guestOf)
                .OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(SupplierView.From)
                .ToList());
        }).RequirePermission("suppliers.read").WithName("ListSuppliers");
        return api;
    }

    /// <summary>404 for a supplier the chain does not have, and for one a supplier guest does not speak for.</summary>
    public static async Task<Supplier> SupplierAsync(this IQuerySession session, string supplierId, CancellationToken ct)
    {
        var found = await session.LoadAsync<Supplier>(Supplier.StreamId(supplierId), ct);
        return found ?? throw new NotFoundException("供应商 supplier", supplierId);
    }
}
