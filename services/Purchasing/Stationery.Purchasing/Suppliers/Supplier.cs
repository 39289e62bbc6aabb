namespace Stationery.Purchasing.Suppliers;

// Domain events of a supplier stream `supplier:{id}`.

/// <summary>A supplier (供应商) was registered.</summary>
public sealed record SupplierRegistered(string SupplierId, string Name, string? Contact, int LeadTimeDays,
    IReadOnlyList<string> Categories, string By, DateTimeOffset At);

/// <summary>
/// A supplier quoted a unit cost for a product (报价). Replaces the supplier's earlier quote for that product.
/// <see cref="ChatMessageId"/> is the chat card it was confirmed on, when it was posted in the supplier's channel.
/// <see cref="PackSize"/> is how many units the supplier sells the product in (null: the catalogue's pack size).
/// </summary>
public sealed record QuoteRecorded(string SupplierId, string Sku, decimal UnitCost, int MinOrderQty, DateOnly ValidUntil,
    string By, DateTimeOffset At, string? ChatMessageId = null, int? PackSize = null);

/// <summary>A supplier's current quote for one product.</summary>
public sealed record Quote(string Sku, decimal UnitCost, int MinOrderQty, DateOnly ValidUntil, string QuotedBy, DateTimeOffset QuotedAt,
    int? PackSize = null)
{
    public bool IsValidOn(DateOnly day) => ValidUntil >= day;
}

/// <summary>A supplier and its current quotes; the inline snapshot of its stream.</summary>
public sealed record Supplier(string Id, string SupplierId, string Name, string? Contact, int LeadTimeDays,
    IReadOnlyList<string> Categories, IReadOnlyList<Quote> Quotes, DateTimeOffset RegisteredAt)
{
    public static string StreamId(string supplierId) => $"supplier:{supplierId}";

    public static Supplier Create(SupplierRegistered e) =>
        new(StreamId(e.SupplierId), e.SupplierId, e.Name, e.Contact, e.LeadTimeDays, e.Categories, [], e.At);

    public Supplier Apply(QuoteRecorded e) => this with
    {
        Quotes = [.. Quotes.Where(q => q.Sku != e.Sku), new Quote(e.Sku, e.UnitCost, e.MinOrderQty, e.ValidUntil, e.By, e.At, e.PackSize)],
    };

    public Quote? ValidQuote(string sku, DateOnly day) => Quotes.FirstOrDefault(q => q.Sku == sku && q.IsValidOn(day));

    /// <summary>The pack size on the supplier's latest quote for the product, expired or not (packs do not expire); null: none given.</summary>
    public int? PackSizeOf(string sku) => Quotes.FirstOrDefault(q => q.Sku == sku)?.PackSize;
}

/// <summary>
/// The default supplier of a product: the cheapest valid quote that meets the lead time. A supplier's lead time is the one
/// measured from the chain's deliveries (<paramref name="measured"/>, days by supplier id), else the one it declared. It meets
/// the line's <c>neededBy</c> day when ordering on <c>day</c> brings the goods by then (day + lead time rounded up ≤ neededBy).
/// When no supplier meets it, or the line has no day, the cheapest of all; the shorter lead time breaks a tie.
/// </summary>
public static class CheapestQuote
{
    public static (Supplier Supplier, Quote Quote)? For(IEnumerable<Supplier> suppliers, string sku, DateOnly day,
        DateOnly? neededBy = null, IReadOnlyDictionary<string, double>? measured = null)
    {
        var quoted = suppliers
            .Select(s => (Supplier: s, Quote: s.ValidQuote(sku, day)!, LeadTime: LeadTime(s, measured)))
            .Where(x => x.Quote is not null)
            .ToList();
        var inTime = neededBy is { } by ? quoted.Where(x => Arrives(day, x.LeadTime) <= by).ToList() : [];
        return (inTime.Count > 0 ? inTime : quoted)
            .OrderBy(x => x.Quote.UnitCost).ThenBy(x => x.LeadTime).ThenBy(x => x.Supplier.SupplierId, StringComparer.Ordinal)
            .Select(x => ((Supplier, Quote)?)(x.Supplier, x.Quote))
            .FirstOrDefault();
    }

    /// <summary>Measured if the chain has received from the supplier, else declared.</summary>
    public static double LeadTime(Supplier supplier, IReadOnlyDictionary<string, double>? measured) =>
        measured is not null && measured.TryGetValue(supplier.SupplierId, out var days) ? days : supplier.LeadTimeDays;

    public static DateOnly Arrives(DateOnly orderedOn, double leadTimeDays) => orderedOn.AddDays((int)Math.Ceiling(leadTimeDays));
}
