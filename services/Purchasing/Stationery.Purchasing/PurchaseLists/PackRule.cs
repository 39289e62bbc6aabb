using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.PurchaseLists;

/// <summary>
/// How a supplier sells a product: in packs of <see cref="PackSize"/>, at least <see cref="MinOrderQty"/> (0: no minimum).
/// A list quantity is rounded up to it.
/// </summary>
public sealed record PackRule(int PackSize, int MinOrderQty)
{
    /// <summary>
    /// The supplier's own pack size for the product (given with its quote), else the catalogue's (a product Purchasing has
    /// not heard of: packs of one); the minimum on the supplier's valid quote. No supplier, no minimum.
    /// </summary>
    public static PackRule For(Supplier? supplier, ProductCopy product, DateOnly today) =>
        new(Math.Max(supplier?.PackSizeOf(product.Sku) ?? product.PackSize, 1), supplier?.ValidQuote(product.Sku, today)?.MinOrderQty ?? 0);

    /// <summary>28 in packs of 12 → 36; 10 in packs of 12 with a minimum of 30 → 36. Nothing for nothing.</summary>
    public int Round(int quantity)
    {
        if (quantity <= 0) return 0;
        var pack = Math.Max(PackSize, 1);
        var wanted = Math.Max(quantity, MinOrderQty);
        return (wanted + pack - 1) / pack * pack;
    }
}
