using Marten;
using Stationery.Hosting.Errors;
using Stationery.Inventory.Catalogue;

namespace Stationery.Inventory.Stock;

/// <summary>Validation shared by the multi-line movements (receipts, sales): every line is checked before anything is written.</summary>
public static class StockLines
{
    /// <summary>
    /// Adds an error for every empty, repeated or unknown sku (field <c>lines[i].sku</c>) and returns the catalogue
    /// entries of the known ones. An unknown sku in a request body is invalid input (400, naming the line); an unknown
    /// sku in a route is a missing resource (404).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Product>> ProductsAsync(IQuerySession session,
        IReadOnlyList<string?> skus, Validation v, CancellationToken ct)
    {
        if (skus.Count == 0) v.Add("lines", "must contain at least one line");
        if (skus.Count > 500) v.Add("lines", "must contain at most 500 lines");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < skus.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(skus[i])) v.Add($"lines[{i}].sku", "is required");
            else if (!seen.Add(skus[i]!)) v.Add($"lines[{i}].sku", $"'{skus[i]}' appears on more than one line; put its whole quantity on one line");
        }
        var ids = seen.Select(Product.StreamId).ToArray();
        var products = ids.Length == 0 ? [] : await session.LoadManyAsync<Product>(ct, ids);
        var bySku = products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
        for (var i = 0; i < skus.Count; i++)
            if (!string.IsNullOrWhiteSpace(skus[i]) && !bySku.ContainsKey(skus[i]!))
                v.Add($"lines[{i}].sku", $"unknown sku '{skus[i]}': register the product in the catalogue first");
        return bySku;
    }

    public static Validation Quantity(this Validation v, int? quantity, string field) =>
        quantity is null ? v.Require(false, field, "is required") : v.Positive(quantity.Value, field);
}
