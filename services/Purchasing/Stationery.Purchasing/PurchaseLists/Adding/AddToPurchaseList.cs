using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseLists.Viewing;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.PurchaseLists.Adding;

public sealed record AddToPurchaseListRequest(string? Sku, int? Quantity, string? Note, string? SupplierId);

/// <summary>Someone puts a product on the branch's purchase list: by hand, or through a chat card's button.</summary>
public static class AddToPurchaseList
{
    public sealed record Command(string Branch, string ItemId, ProductCopy Product, int Quantity, string? Note, ItemSource Source,
        string RequestedBy, string? ChatMessageId, string? SupplierId);

    public static RouteGroupBuilder MapAddToPurchaseList(this RouteGroupBuilder branches)
    {
        branches.MapPost("/{branch}/purchase-list", async (string branch, AddToPurchaseListRequest request, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var sku = Validate(request);
            var product = await session.LoadAsync<ProductCopy>(sku, ct) ?? throw ProductLookup.UnknownSku("sku", sku);
            var supplierId = string.IsNullOrWhiteSpace(request.SupplierId) ? null : request.SupplierId.Trim();
            if (supplierId is not null && await session.LoadAsync<Supplier>(Supplier.StreamId(supplierId), ct) is null)
                throw new ValidationException(new Dictionary<string, string[]> { ["supplierId"] = [$"供应商 {supplierId} 不存在 (unknown supplier)"] });

            var command = new Command(branch, PurchaseList.NewItemId(), product, request.Quantity!.Value, request.Note?.Trim(),
                ItemSource.Manual, http.User.UserId(), null, supplierId);
            var events = await session.Decide<PurchaseList>(PurchaseList.StreamId(branch), _ => Decide(command, clock.GetUtcNow()), ct);
            await session.SaveChangesAsync(ct);

            var item = PurchaseList.Create((PurchaseListItemAdded)events[0]).Items[0];
            var view = await PurchaseListView.ItemsAsync(session, [item], http.User.SeesAllCosts(), clock, ct);
            return TypedResults.Created($"/api/purchasing/branches/{branch}/purchase-list", view[0]);
        }).RequirePermission("purchase-list").WithName("AddToPurchaseList");
        return branches;
    }

    private static string Validate(AddToPurchaseListRequest r)
    {
        new Validation()
            .NotEmpty(r.Sku, "sku", 64)
            .Require(r.Quantity is not null, "quantity", "is required")
            .Require(r.Quantity is null or > 0, "quantity", "must be greater than 0")
            .Require(r.Quantity is null or <= 1_000_000, "quantity", "must be at most 1000000")
            .Require((r.Note ?? "").Length <= 200, "note", "must be at most 200 characters")
            .ThrowIfInvalid();
        return r.Sku!.Trim();
    }

    /// <summary>A person's request is always added: they asked for exactly this quantity.</summary>
    public static IReadOnlyList<object> Decide(Command c, DateTimeOffset now)
    {
        if (c.Quantity <= 0)
            throw new ValidationException(new Dictionary<string, string[]> { ["quantity"] = ["must be greater than 0"] });
        return
        [
            new PurchaseListItemAdded(c.Branch, c.ItemId, c.Product.Sku, c.Product.Name, c.Product.Spec, c.Product.Unit, c.Quantity,
                c.Note, c.Source, c.RequestedBy, c.ChatMessageId, c.SupplierId, now),
        ];
    }
}
