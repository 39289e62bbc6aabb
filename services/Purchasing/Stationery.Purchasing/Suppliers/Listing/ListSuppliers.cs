using System.Text.Json.Serialization;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Suppliers.Quoting;

namespace Stationery.Purchasing.Suppliers.Listing;

/// <summary>
/// A supplier as the API shows it: no prices (those are under <c>/quotes</c>, for cost roles only). <see cref="LeadTimeDays"/> is
/// the one it declared; <see cref="MeasuredLeadTimeDays"/> what the chain's own orders say (placed → first receipt, averaged over
/// <see cref="Deliveries"/> received orders; absent before the first delivery).
/// </summary>
public sealed record SupplierView(string Id, string Name, string? Contact, int LeadTimeDays, IReadOnlyList<string> Categories,
    DateTimeOffset RegisteredAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MeasuredLeadTimeDays { get; init; }

    public int Deliveries { get; init; }

    public static SupplierView From(Supplier s, SupplierHistory? history = null) =>
        new(s.SupplierId, s.Name, s.Contact, s.LeadTimeDays, s.Categories, s.RegisteredAt)
        {
            MeasuredLeadTimeDays = history?.MeasuredLeadTimeDays, Deliveries = history?.Deliveries ?? 0,
        };
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
            var histories = await SupplierHistories.LoadAsync(session, ct);
            return TypedResults.Ok(suppliers
                .Where(s => guestOf is null || s.SupplierId == guestOf)
                .OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => SupplierView.From(s, histories.GetValueOrDefault(s.SupplierId)))
                .ToList());
        }).RequirePermission("suppliers.read").WithName("ListSuppliers");

        api.MapGet("/suppliers/{supplierId}", async (string supplierId, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            if (http.User.IsSupplierGuest() && !http.User.SpeaksFor(supplierId))
                throw new NotFoundException("供应商 supplier", supplierId);
            var supplier = await session.SupplierAsync(supplierId, ct);
            var histories = await SupplierHistories.LoadAsync(session, ct);
            return TypedResults.Ok(SupplierView.From(supplier, histories.GetValueOrDefault(supplierId)));
        }).RequirePermission("suppliers.read").WithName("GetSupplier");
        return api;
    }

    /// <summary>404 for a supplier the chain does not have, and for one a supplier guest does not speak for.</summary>
    public static async Task<Supplier> SupplierAsync(this IQuerySession session, string supplierId, CancellationToken ct)
    {
        var found = await session.LoadAsync<Supplier>(Supplier.StreamId(supplierId), ct);
        return found ?? throw new NotFoundException("供应商 supplier", supplierId);
    }
}
