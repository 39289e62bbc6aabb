using Stationery.Hosting.Security;
using System.Text.Json.Serialization;
using Marten;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.Suppliers;
using Stationery.Purchasing.Suppliers.Quoting;

namespace Stationery.Purchasing.PurchaseLists.Viewing;

/// <summary>
/// A purchase list line with the supplier it would be ordered from (the chosen one, else the default) and that supplier's
/// pack rule (<see cref="PackSize"/>, <see cref="MinOrderQty"/>, 0: none). <see cref="RequestedQuantity"/> is present when an
/// edit rounded what was asked up to <see cref="Quantity"/>; <see cref="SupplierChosen"/> says the supplier was picked for
/// this line rather than defaulted. <see cref="UnitCost"/> is cost data: absent, not null, for callers without the cost right.
/// </summary>
public sealed record PurchaseListItemView(string ItemId, string Sku, string Name, string Spec, string Unit, int Quantity, string? Note,
    ItemSource Source, string RequestedBy, string? ChatMessageId, DateTimeOffset AddedAt, string? SupplierId, string? SupplierName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? UnitCost,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RequestedQuantity,
    int PackSize, int MinOrderQty, bool SupplierChosen,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? NeededBy);

public static class PurchaseListView
{
    public static RouteGroupBuilder MapViewPurchaseList(this RouteGroupBuilder branches)
    {
        branches.MapGet("/{branch}/purchase-list", async (string branch, HttpContext http, IQuerySession session, TimeProvider clock,
            CancellationToken ct) =>
        {
            var list = await session.LoadAsync<PurchaseList>(PurchaseList.StreamId(branch), ct);
            var items = await ItemsAsync(session, list?.Items ?? [], http.User.SeesAllCosts(), clock, ct);
            return TypedResults.Ok(new { branch, items });
        }).RequirePermission("purchase-list").WithName("ViewPurchaseList");
        return branches;
    }

    public static async Task<IReadOnlyList<PurchaseListItemView>> ItemsAsync(IQuerySession session, IReadOnlyList<PurchaseListItem> items,
        bool showCosts, TimeProvider clock, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var suppliers = await session.Query<Supplier>().ToListAsync(ct);
        var products = await session.ProductsAsync(items.Select(i => i.Sku), ct);
        var measured = await SupplierHistories.MeasuredLeadTimesAsync(session, ct);
        return items.Select(i =>
        {
            var chosen = ItemSupplier.For(i, suppliers, today, measured);
            var cost = showCosts ? chosen?.ValidQuote(i.Sku, today)?.UnitCost : null;
            var rule = PackRule.For(chosen, products.GetValueOrDefault(i.Sku) ?? ProductCopy.Unknown(i.Sku), today);
            return new PurchaseListItemView(i.ItemId, i.Sku, i.Name, i.Spec, i.Unit, i.Quantity, i.Note, i.Source, i.RequestedBy,
                i.ChatMessageId, i.AddedAt, chosen?.SupplierId, chosen?.Name, cost,
                i.RequestedQuantity is { } asked && asked != i.Quantity ? asked : null, rule.PackSize, rule.MinOrderQty, i.SupplierId is not null, i.NeededBy);
        }).ToList();
    }
}
