using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Reporting.Catalogue;

/// <summary>
/// Reporting's copy of a catalogue product, learnt from Inventory's <see cref="ProductRegistered"/> (republished whole on
/// every change): what a report shows for a SKU and the category it is counted in. Names and categories are read when a
/// report is made, so a renamed or re-categorised product shows its current name everywhere.
/// </summary>
public sealed record ProductCopy(string Id, string Name, string Spec, string Category, string Unit, bool Discontinued = false)
{
    public const string Uncategorised = "未分类";

    public string Label => string.IsNullOrWhiteSpace(Spec) ? Name : $"{Name} {Spec}";

    /// <summary>What a report shows for a SKU whose product has not reached Reporting (yet).</summary>
    public static ProductCopy Unknown(string sku) => new(sku, sku, "", Uncategorised, "");
}

public sealed class ProductRegisteredConsumer(IDocumentStore store, ILogger<ProductRegisteredConsumer> log)
    : IdempotentConsumer<ProductRegistered>(store, log)
{
    protected override async Task Apply(IDocumentSession session, ProductRegistered message, ConsumeContext<ProductRegistered> context)
    {
        var known = await session.LoadAsync<ProductCopy>(message.Sku, context.CancellationToken);
        session.Store(new ProductCopy(message.Sku, message.Name, message.Spec,
            string.IsNullOrWhiteSpace(message.Category) ? ProductCopy.Uncategorised : message.Category, message.Unit, known?.Discontinued ?? false));
    }
}

public sealed class ProductDiscontinuedConsumer(IDocumentStore store, ILogger<ProductDiscontinuedConsumer> log)
    : IdempotentConsumer<ProductDiscontinued>(store, log)
{
    protected override async Task Apply(IDocumentSession session, ProductDiscontinued message, ConsumeContext<ProductDiscontinued> context)
    {
        var known = await session.LoadAsync<ProductCopy>(message.Sku, context.CancellationToken) ?? ProductCopy.Unknown(message.Sku);
        session.Store(known with { Discontinued = true });
    }
}
