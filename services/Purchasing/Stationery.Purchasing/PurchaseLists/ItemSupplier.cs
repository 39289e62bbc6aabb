using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.PurchaseLists;

/// <summary>The supplier a list line would be ordered from: the one chosen for it, else the default for its product.</summary>
public static class ItemSupplier
{
    public static Supplier? For(string? chosenId, string sku, IReadOnlyList<Supplier> suppliers, DateOnly today) =>
        chosenId is { } id ? suppliers.FirstOrDefault(s => s.SupplierId == id) : CheapestQuote.For(suppliers, sku, today)?.Supplier;
}
