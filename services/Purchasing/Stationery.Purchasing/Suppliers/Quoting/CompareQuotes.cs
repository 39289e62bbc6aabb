using System.Text.Json.Serialization;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Purchasing.Suppliers.Quoting;

/// <summary>
/// One supplier's current quote for a product, for the comparison view (比价): the quote, the declared lead time, and what
/// the chain's own deliveries say — the lead time measured (placed → first receipt, averaged) and the last price paid.
/// </summary>
public sealed record QuoteView(string SupplierId, string SupplierName, string Sku, decimal UnitCost, int MinOrderQty,
    DateOnly ValidUntil, int LeadTimeDays, DateTimeOffset QuotedAt)
{
    public bool Cheapest { get; init; }

    /// <summary>The supplier's own pack size for the product; absent when it sells in the catalogue's packs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PackSize { get; init; }

    /// <summary>Average days from placing an order with this supplier to its first delivery; absent before any delivery.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MeasuredLeadTimeDays { get; init; }

    /// <summary>How many received orders <see cref="MeasuredLeadTimeDays"/> is measured over.</summary>
    public int Deliveries { get; init; }

    /// <summary>The unit cost of the last received order of this product from this supplier; absent if never bought.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? LastPaidUnitCost { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastPaidAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastPaidPurchaseOrderId { get; init; }

    public QuoteView With(SupplierHistory? history)
    {
        var paid = history?.LastPaid.GetValueOrDefault(Sku);
        return this with
        {
            MeasuredLeadTimeDays = history?.MeasuredLeadTimeDays, Deliveries = history?.Deliveries ?? 0,
            LastPaidUnitCost = paid?.UnitCost, LastPaidAt = paid?.ReceivedAt, LastPaidPurchaseOrderId = paid?.PurchaseOrderId,
        };
    }
}

public static class CompareQuotes
{
    /// <summary>
    /// Current valid quotes, cheapest first, for cost roles only (a supplier guest sees its own quotes). Clerks and managers
    /// get 403: the whole resource is cost data.
    /// </summary>
    public static RouteGroupBuilder MapCompareQuotes(this RouteGroupBuilder api)
    {
        api.MapGet("/quotes", async (string? sku, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User;
            var guestOf = user.IsSupplierGuest() ? user.SupplierId() ?? "" : null;

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var suppliers = await session.Query<Supplier>().ToListAsync(ct);
            var histories = await SupplierHistories.LoadAsync(session, ct);
            var quotes = suppliers
                .Where(s => guestOf is null || s.SupplierId == guestOf)
                .SelectMany(s => s.Quotes
                    .Where(q => q.IsValidOn(today) && (string.IsNullOrWhiteSpace(sku) || q.Sku == sku.Trim()))
                    .Select(q => new QuoteView(s.SupplierId, s.Name, q.Sku, q.UnitCost, q.MinOrderQty, q.ValidUntil, s.LeadTimeDays, q.QuotedAt) { PackSize = q.PackSize }
                        .With(histories.GetValueOrDefault(s.SupplierId))))
                .OrderBy(q => q.Sku, StringComparer.Ordinal).ThenBy(q => q.UnitCost).ThenBy(q => q.LeadTimeDays)
                .ToList();
            var cheapest = quotes.GroupBy(q => q.Sku).Select(g => g.First()).ToHashSet();
            return TypedResults.Ok(quotes.Select(q => q with { Cheapest = guestOf is null && cheapest.Contains(q) }).ToList());
        }).RequirePermission("costs.see").WithName("CompareQuotes");
        return api;
    }
}
