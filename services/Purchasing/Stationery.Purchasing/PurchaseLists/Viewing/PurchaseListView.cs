using System.Text.Json.Serialization;
using Marten;
using Stationery.Purchasing.Access;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.PurchaseLists.Viewing;

/// <summary>
/// A purchase list line with the supplier it would be ordered from (the chosen one, else the cheapest valid quote).
/// <see cref="UnitCost"/> is cost data: absent, not null, for callers without the cost right.
/// </summary>
public sealed record PurchaseListItemView(string ItemId, string Sku, string Name, string Spec, string Unit, int Quantity, string? Note,
    ItemSource Source, string RequestedBy, string? ChatMessageId, DateTimeOffset AddedAt, string? SupplierId, string? SupplierName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? UnitCost);

public static class PurchaseListView
{
    public static RouteGroupBuilder MapViewPurchaseList(this RouteGroupBuilder branches)
    {
        branches.MapGet("/{branch}/purchase-list", async (string branch, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            http.User.RequireBranchRole(branch, "查看采购清单", PurchasingAccess.Staff);
            var list = await session.LoadAsync<PurchaseList>(PurchaseList.StreamId(branch), ct);
            var items = await ItemsAsync(session, list?.Items ?? [], http.User.CanSeeCosts(), clock, ct);
            return TypedResults.Ok(new { branch, items });
        }).WithName("ViewPurchaseList");
        return branches;
    }

    public static async Task<IReadOnlyList<PurchaseListItemView>> ItemsAsync(IQuerySession session, IReadOnlyList<PurchaseListItem> items,
        bool showCosts, TimeProvider clock, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var suppliers = await session.Query<Supplier>().ToListAsync(ct);
        return items.Select(i =>
        {
            var chosen = i.SupplierId is { } id ? suppliers.FirstOrDefault(s => s.SupplierId == id) : CheapestQuote.For(suppliers, i.Sku, today)?.Supplier;
            var cost = showCosts ? chosen?.ValidQuote(i.Sku, today)?.UnitCost : null;
            return new PurchaseListItemView(i.ItemId, i.Sku, i.Name, i.Spec, i.Unit, i.Quantity, i.Note, i.Source, i.RequestedBy,
                i.ChatMessageId, i.AddedAt, chosen?.SupplierId, chosen?.Name, cost);
        }).ToList();
    }
}
