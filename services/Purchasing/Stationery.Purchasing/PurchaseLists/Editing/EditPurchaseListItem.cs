using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseLists.Viewing;
using Stationery.Purchasing.Suppliers;
using Stationery.Purchasing.Suppliers.Quoting;

namespace Stationery.Purchasing.PurchaseLists.Editing;

/// <summary>
/// Any of: a new quantity, a supplier to order the line from, the day the goods are needed by (the default supplier is the
/// cheapest whose lead time meets it). What is left out stays as it is.
/// </summary>
public sealed record EditPurchaseListItemRequest(int? Quantity, string? SupplierId, DateOnly? NeededBy = null);

/// <summary>
/// 修改采购清单: the buyer changes a line's quantity and/or supplier. The quantity is rounded up to the chosen supplier's
/// pack size and minimum order; the answer says what was asked (<c>requestedQuantity</c>) and the rule that rounded it.
/// </summary>
public static class EditPurchaseListItem
{
    /// <summary><see cref="Rule"/> is the pack rule of the supplier the line will have after the edit.</summary>
    public sealed record Command(string Branch, string ItemId, int? Quantity, string? SupplierId, PackRule Rule, string By,
        DateOnly? NeededBy = null);

    public static RouteGroupBuilder MapEditPurchaseListItem(this RouteGroupBuilder branches)
    {
        branches.MapPatch("/{branch}/purchase-list/items/{itemId}", async (string branch, string itemId, EditPurchaseListItemRequest request,
            HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var (quantity, supplierId) = Validate(request, today);
            var suppliers = await session.Query<Supplier>().ToListAsync(ct);
            if (supplierId is not null && suppliers.All(s => s.SupplierId != supplierId))
                throw new ValidationException(new Dictionary<string, string[]> { ["supplierId"] = [$"供应商 {supplierId} 不存在 (unknown supplier)"] });
            var item = (await session.LoadAsync<PurchaseList>(PurchaseList.StreamId(branch), ct))?.Item(itemId)
                ?? throw NotOnList(itemId);

            var product = await session.LoadAsync<ProductCopy>(item.Sku, ct) ?? ProductCopy.Unknown(item.Sku, item.Name, item.Spec, item.Unit);
            var measured = await SupplierHistories.MeasuredLeadTimesAsync(session, ct);
            var supplier = ItemSupplier.For(supplierId ?? item.SupplierId, item.Sku, request.NeededBy ?? item.NeededBy, suppliers, today, measured);
            var command = new Command(branch, itemId, quantity, supplierId, PackRule.For(supplier, product, today), http.User.UserId(),
                request.NeededBy);
            PurchaseList? after = null;
            await session.Decide<PurchaseList>(PurchaseList.StreamId(branch), list =>
            {
                var events = Decide(list, command, clock.GetUtcNow());
                after = events.OfType<PurchaseListItemChanged>().Aggregate(list!, (l, e) => l.Apply(e));
                return events;
            }, ct);
            await session.SaveChangesAsync(ct);

            var view = await PurchaseListView.ItemsAsync(session, [after!.Item(itemId)!], http.User.SeesAllCosts(), clock, ct);
            return TypedResults.Ok(view[0]);
        }).RequirePermission("purchase-list.edit").WithName("EditPurchaseListItem");
        return branches;
    }

    private static (int? Quantity, string? SupplierId) Validate(EditPurchaseListItemRequest r, DateOnly today)
    {
        var supplierId = string.IsNullOrWhiteSpace(r.SupplierId) ? null : r.SupplierId.Trim();
        new Validation()
            .Require(r.Quantity is not null || supplierId is not null || r.NeededBy is not null, "quantity",
                "quantity, supplierId or neededBy is required (请填写数量、供应商或需要日期)")
            .Require(r.NeededBy is null || r.NeededBy >= today, "neededBy", "must not be in the past")
            .Require(r.Quantity is null or > 0, "quantity", "must be greater than 0")
            .Require(r.Quantity is null or <= 1_000_000, "quantity", "must be at most 1000000")
            .Require((supplierId ?? "").Length <= 64, "supplierId", "must be at most 64 characters")
            .ThrowIfInvalid();
        return (r.Quantity, supplierId);
    }

    public static NotFoundException NotOnList(string itemId) => new("采购清单条目 purchase list item", itemId);

    /// <summary>
    /// The line's new quantity is what was asked (or, when only the supplier changes, what was last asked) rounded up by the
    /// rule. An edit that changes nothing records nothing.
    /// </summary>
    public static IReadOnlyList<object> Decide(PurchaseList? list, Command c, DateTimeOffset now)
    {
        var item = list?.Item(c.ItemId) ?? throw NotOnList(c.ItemId);
        if (c.Quantity is <= 0)
            throw new ValidationException(new Dictionary<string, string[]> { ["quantity"] = ["must be greater than 0"] });
        var requested = c.Quantity ?? item.RequestedQuantity ?? item.Quantity;
        var quantity = c.Rule.Round(requested);
        var supplierId = c.SupplierId ?? item.SupplierId;
        var neededBy = c.NeededBy ?? item.NeededBy;
        if (quantity == item.Quantity && supplierId == item.SupplierId && requested == (item.RequestedQuantity ?? item.Quantity)
            && neededBy == item.NeededBy)
            return [];
        return
        [
            new PurchaseListItemChanged(list!.Branch, item.ItemId, item.Sku, quantity, requested, supplierId, c.Rule.PackSize,
                c.Rule.MinOrderQty, c.By, now, neededBy),
        ];
    }
}
