using Marten;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.PurchaseLists.Editing;

namespace Stationery.Purchasing.PurchaseLists.Removing;

/// <summary>删除: the buyer takes a line off the list; it will not be ordered.</summary>
public static class RemovePurchaseListItem
{
    public static RouteGroupBuilder MapRemovePurchaseListItem(this RouteGroupBuilder branches)
    {
        branches.MapDelete("/{branch}/purchase-list/items/{itemId}", async (string branch, string itemId, HttpContext http,
            IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var by = http.User.UserId();
            await session.Decide<PurchaseList>(PurchaseList.StreamId(branch), list => Decide(list, itemId, by, clock.GetUtcNow()), ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequirePermission("purchase-list.edit").WithName("RemovePurchaseListItem");
        return branches;
    }

    public static IReadOnlyList<object> Decide(PurchaseList? list, string itemId, string by, DateTimeOffset now)
    {
        var item = list?.Item(itemId) ?? throw EditPurchaseListItem.NotOnList(itemId);
        return [new PurchaseListItemRemoved(list!.Branch, item.ItemId, item.Sku, by, now)];
    }
}
