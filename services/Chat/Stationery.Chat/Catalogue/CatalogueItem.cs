using Marten;
using MassTransit;
using Stationery.Chat.Alerts;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Catalogue;

/// <summary>Chat's copy of a catalogue product (keyed by SKU), to name products and recognise them in messages.</summary>
public sealed record CatalogueItem(string Id, string Name, string Spec, string Brand, string Category, string Unit, string? Barcode,
    int PackSize, DateTimeOffset AsOf)
{
    public ProductLabel Label => new(Name, Spec, Unit);
}

/// <summary>Keeps the catalogue copy; an update published before an older registration arrives is not overwritten.</summary>
public sealed class ProductRegisteredConsumer(IDocumentStore store, ILogger<ProductRegisteredConsumer> log)
    : IdempotentConsumer<ProductRegistered>(store, log)
{
    protected override async Task Apply(IDocumentSession session, ProductRegistered p, ConsumeContext<ProductRegistered> context)
    {
        var known = await session.LoadAsync<CatalogueItem>(p.Sku, context.CancellationToken);
        if (known is not null && known.AsOf > p.OccurredAt) return;
        session.Store(new CatalogueItem(p.Sku, p.Name, p.Spec, p.Brand, p.Category, p.Unit, p.Barcode, p.PackSize, p.OccurredAt));
    }
}
