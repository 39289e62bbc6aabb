using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.PurchaseLists;

/// <summary>
/// The supplier a list line would be ordered from: the one chosen for it, else the default for its product and needed-by
/// day (<see cref="CheapestQuote"/>; <paramref name="measured"/>: measured lead times by supplier id).
/// </summary>
public static class ItemSupplier
{
    public static Supplier? For(string? chosenId, string sku, DateOnly? neededBy, IReadOnlyList<Supplier> suppliers, DateOnly today,
        IReadOnlyDictionary<string, double>? measured) =>
        chosenId is { } id
            ? suppliers.FirstOrDefault(s => s.SupplierId == id)
            : CheapestQuote.For(suppliers, sku, today, neededBy, measured)?.Supplier;

    public static Supplier? For(PurchaseListItem item, IReadOnlyList<Supplier> suppliers, DateOnly today,
        IReadOnlyDictionary<string, double>? measured) =>
        For(item.SupplierId, item.Sku, item.NeededBy, suppliers, today, measured);
}
