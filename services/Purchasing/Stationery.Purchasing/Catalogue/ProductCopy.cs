using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;

namespace Stationery.Purchasing.Catalogue;

/// <summary>Purchasing's copy of a catalogue entry (from Inventory's <c>ProductRegistered</c>): what orders and lists show.</summary>
public sealed record ProductCopy(string Id, string Name, string Spec, string Unit, string Category, int PackSize)
{
    public string Sku => Id;

    /// <summary>For a product Purchasing has not heard of yet: what the event at hand says, in packs of one.</summary>
    public static ProductCopy Unknown(string sku, string? name = null, string? spec = null, string? unit = null) =>
        new(sku, name ?? sku, spec ?? "", unit ?? "", "", 1);
}

/// <summary>Keeps the product copy current; <c>ProductRegistered</c> is published again, complete, on every update.</summary>
public sealed class ProductRegisteredConsumer(IDocumentStore store, ILogger<ProductRegisteredConsumer> log)
    : IdempotentConsumer<ProductRegistered>(store, log)
{
    protected override Task Apply(IDocumentSession session, ProductRegistered m, ConsumeContext<ProductRegistered> context)
    {
        session.Store(new ProductCopy(m.Sku, m.Name, m.Spec, m.Unit, m.Category, Math.Max(m.PackSize, 1)));
        return Task.CompletedTask;
    }
}

public static class ProductLookup
{
    public static async Task<IReadOnlyDictionary<string, ProductCopy>> ProductsAsync(this IQuerySession session,
        IEnumerable<string> skus, CancellationToken ct)
    {
        var found = await session.LoadManyAsync<ProductCopy>(ct, skus.Distinct().ToArray());
        return found.ToDictionary(p => p.Sku);
    }

    /// <summary>A product Purchasing has no copy of is an input error on the field that named it.</summary>
    public static ValidationException UnknownSku(string field, string sku) =>
        new(new Dictionary<string, string[]> { [field] = [$"商品 {sku} 不在商品目录中 (unknown sku '{sku}')"] });
}
