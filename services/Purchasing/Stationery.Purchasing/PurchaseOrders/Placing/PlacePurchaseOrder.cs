using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseOrders.Viewing;
using Stationery.Purchasing.PurchaseLists;
using Stationery.Purchasing.Suppliers;
using Stationery.Purchasing.Suppliers.Quoting;

namespace Stationery.Purchasing.PurchaseOrders.Placing;

/// <summary>
/// Either <c>{ supplierId, lines }</c>, or <c>{ fromPurchaseList: true }</c> (optionally with <c>supplierId</c> to order from one
/// supplier only: its own items and those that have no supplier yet), and <c>itemIds</c> to order only the list items the
/// owner ticked. <c>expectedBy</c> (optional) asks for a delivery day; left out, it is today plus the supplier's declared lead time.
/// </summary>
public sealed record PlacePurchaseOrderRequest(string? SupplierId, IReadOnlyList<LineRequest?>? Lines, bool? FromPurchaseList,
    IReadOnlyList<string?>? ItemIds = null, DateOnly? ExpectedBy = null);

/// <summary>What one placing request did: the orders it placed and the list items it left for want of a supplier.</summary>
public sealed record PlacedOrders(bool FromPurchaseList, IReadOnlyList<string> OrderIds, IReadOnlyList<string> LeftOnList,
    DateTimeOffset At);

/// <summary>What ordering from the purchase list did: the orders placed, and the items left on the list for want of a supplier.</summary>
public sealed record PlacedFromList(IReadOnlyList<PurchaseOrderView> PurchaseOrders, IReadOnlyList<string> LeftOnList);

/// <summary>下单: a purchase order to one supplier, with the supplier's valid quoted cost on each line.</summary>
public static class PlacePurchaseOrder
{
    public sealed record Line(ProductCopy Product, int Quantity);

    /// <param name="ExpectedBy">The delivery day asked for; null: today plus the supplier's lead time.</param>
    public sealed record Command(string OrderId, string Branch, Supplier Supplier, IReadOnlyList<Line> Lines, string By, string ByName,
        DateOnly? ExpectedBy = null);

    public static RouteGroupBuilder MapPlacePurchaseOrder(this RouteGroupBuilder branches)
    {
        branches.MapPost("/{branch}/purchase-orders", async Task<Results<Created<PurchaseOrderView>, Created<PlacedFromList>>> (string branch,
            PlacePurchaseOrderRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            // A double tap on a phone must not send a supplier two orders: the API group's Idempotency-Key filter answers a
            // repeat with the first answer, committed with the orders below.
            var placed = request.FromPurchaseList == true
                ? await FromListAsync(session, http, branch, request, clock, ct)
                : await DirectAsync(session, http, branch, request, clock, ct);
            await session.SaveChangesAsync(ct);

            var views = new List<PurchaseOrderView>();
            foreach (var id in placed.OrderIds)
                views.Add(await PurchaseOrderView.LoadAsync(session, http.User, id, ct));
            return placed.FromPurchaseList
                ? TypedResults.Created($"/api/purchasing/branches/{branch}/purchase-orders", new PlacedFromList(views, placed.LeftOnList))
                : TypedResults.Created($"/api/purchasing/purchase-orders/{views[0].Id}", views[0]);
        }).RequirePermission("orders.place").WithName("PlacePurchaseOrder");
        return branches;
    }

    private static async Task<PlacedOrders> DirectAsync(IDocumentSession session, HttpContext http, string branch, PlacePurchaseOrderRequest request,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().NotEmpty(request.SupplierId, "supplierId", 64)
            .Require(request.ItemIds is null, "itemIds", "is only for ordering from the purchase list (fromPurchaseList: true)")
            .DeliveryDay(request.ExpectedBy, DeliveryDates.Today(clock.GetUtcNow()), "expectedBy");
        var lines = OrderLines.Validate(request.Lines, zeroAllowed: false, required: true);
        v.ThrowIfInvalid();
        var supplier = await session.LoadAsync<Supplier>(Supplier.StreamId(request.SupplierId!.Trim()), ct)
            ?? throw new ValidationException(new Dictionary<string, string[]> { ["supplierId"] = [$"供应商 {request.SupplierId} 不存在 (unknown supplier)"] });
        var products = await session.ProductsAsync(lines.Select(l => l.Sku), ct);
        var unknown = new Validation();
        for (var i = 0; i < lines.Count; i++)
            unknown.Require(products.ContainsKey(lines[i].Sku), $"lines[{i}].sku", $"商品 {lines[i].Sku} 不在商品目录中 (unknown sku)");
        unknown.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var command = new Command(PurchaseOrder.NewId(now), branch, supplier,
            lines.Select(l => new Line(products[l.Sku], l.Quantity)).ToList(), http.User.UserId(), http.User.DisplayName(), request.ExpectedBy);
        await session.Decide<PurchaseOrder>(command.OrderId, po => Decide(po, command, now), ct);
        return new PlacedOrders(false, [command.OrderId], [], now);
    }

    private static async Task<PlacedOrders> FromListAsync(IDocumentSession session, HttpContext http, string branch, PlacePurchaseOrderRequest request,
        TimeProvider clock, CancellationToken ct)
    {
        new Validation().Require(request.Lines is null, "lines", "must be left out when ordering from the purchase list")
            .DeliveryDay(request.ExpectedBy, DeliveryDates.Today(clock.GetUtcNow()), "expectedBy").ThrowIfInvalid();
        var onlySupplierId = string.IsNullOrWhiteSpace(request.SupplierId) ? null : request.SupplierId.Trim();
        var now = clock.GetUtcNow();
        var suppliers = await session.Query<Supplier>().ToListAsync(ct);
        if (onlySupplierId is not null && suppliers.All(s => s.SupplierId != onlySupplierId))
            throw new ValidationException(new Dictionary<string, string[]> { ["supplierId"] = [$"供应商 {onlySupplierId} 不存在 (unknown supplier)"] });
        var list = Only(await session.LoadAsync<PurchaseList>(PurchaseList.StreamId(branch), ct), request.ItemIds);
        var measured = await SupplierHistories.MeasuredLeadTimesAsync(session, ct);
        var plan = PlanFromList(list, suppliers, onlySupplierId, DateOnly.FromDateTime(now.UtcDateTime), measured);
        if (plan.Orders.Count == 0)
            throw new DomainException("nothing-to-order", list is null || list.Items.Count == 0
                ? $"门店 {branch} 的采购清单是空的 (the purchase list is empty)."
                : $"采购清单上的商品都还没有供应商报价,请先选择供应商 (no item on the list has a supplier or a valid quote).");

        var products = await session.ProductsAsync(plan.Orders.SelectMany(o => o.Items).Select(i => i.Sku), ct);
        var orderIds = new List<string>();
        foreach (var planned in plan.Orders)
        {
            var command = new Command(PurchaseOrder.NewId(now), branch, planned.Supplier,
                planned.Quantities.Select(q => new Line(products.GetValueOrDefault(q.Sku) ?? FromItem(planned.Items.First(i => i.Sku == q.Sku)), q.Quantity)).ToList(),
                http.User.UserId(), http.User.DisplayName(), request.ExpectedBy);
            await session.Decide<PurchaseOrder>(command.OrderId, po => Decide(po, command, now), ct);
            orderIds.Add(command.OrderId);
        }
        // The list stream joins the same transaction: the items leave the list exactly when their orders exist.
        await session.Decide<PurchaseList>(PurchaseList.StreamId(branch), _ =>
            [new PurchaseListItemsOrdered(branch, plan.Orders.SelectMany(o => o.Items).Select(i => i.ItemId).ToList(), orderIds, http.User.UserId(), now)], ct);
        return new PlacedOrders(true, orderIds, plan.Unassigned.Select(i => i.ItemId).ToList(), now);
    }

    /// <summary>The ticked items only (every id must be on the list: 400 naming <c>itemIds[i]</c> otherwise); all without a selection.</summary>
    public static PurchaseList? Only(PurchaseList? list, IReadOnlyList<string?>? itemIds)
    {
        if (itemIds is null) return list;
        var v = new Validation().Require(itemIds.Count > 0, "itemIds", "must name at least one item when given");
        for (var i = 0; i < itemIds.Count; i++)
            v.Require(list?.Items.Any(x => x.ItemId == itemIds[i]) == true, $"itemIds[{i}]", $"不在采购清单上 (item '{itemIds[i]}' is not on the purchase list)");
        v.ThrowIfInvalid();
        return list! with { Items = [.. list!.Items.Where(x => itemIds.Contains(x.ItemId))] };
    }

    private static ProductCopy FromItem(PurchaseListItem i) => new(i.Sku, i.Name, i.Spec, i.Unit, "", 1);

    public static IReadOnlyList<object> Decide(PurchaseOrder? existing, Command c, DateTimeOffset now)
    {
        if (existing is not null)
            throw new DomainException("purchase-order-exists", $"采购单 {c.OrderId} 已存在 (purchase order '{c.OrderId}' already exists).");
        if (c.Lines.Count == 0)
            throw new ValidationException(new Dictionary<string, string[]> { ["lines"] = ["must contain at least one line"] });
        if (c.Lines.FirstOrDefault(l => l.Quantity <= 0) is { } bad)
            throw new ValidationException(new Dictionary<string, string[]> { ["lines"] = [$"quantity of {bad.Product.Sku} must be greater than 0"] });
        DeliveryDates.Require(c.ExpectedBy, DeliveryDates.Today(now), "expectedBy");

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lines = c.Lines.Select(l => new OrderedLine(l.Product.Sku, l.Product.Name, l.Product.Spec, l.Product.Unit, l.Quantity,
            c.Supplier.ValidQuote(l.Product.Sku, today)?.UnitCost)).ToList();
        return
        [
            new PurchaseOrderPlaced(c.OrderId, c.Branch, c.Supplier.SupplierId, c.Supplier.Name, lines,
                c.ExpectedBy ?? today.AddDays(c.Supplier.LeadTimeDays), c.By, c.ByName, now),
        ];
    }

    /// <summary>One order per supplier from the purchase list.</summary>
    public sealed record Plan(IReadOnlyList<PlannedOrder> Orders, IReadOnlyList<PurchaseListItem> Unassigned);

    public sealed record PlannedOrder(Supplier Supplier, IReadOnlyList<PurchaseListItem> Items)
    {
        /// <summary>Several list lines of one product become one order line.</summary>
        public IReadOnlyList<(string Sku, int Quantity)> Quantities =>
            Items.GroupBy(i => i.Sku).Select(g => (g.Key, g.Sum(i => i.Quantity))).ToList();
    }

    /// <summary>
    /// Each item goes to the supplier chosen on the list, or else to the default (the cheapest valid quote meeting its needed-by day); items without either stay on
    /// the list (<see cref="Plan.Unassigned"/>). <paramref name="onlySupplierId"/> limits the run to one supplier.
    /// </summary>
    public static Plan PlanFromList(PurchaseList? list, IReadOnlyList<Supplier> suppliers, string? onlySupplierId, DateOnly today,
        IReadOnlyDictionary<string, double>? measured = null)
    {
        // An item with no supplier of its own (none chosen, no valid quote) goes to the supplier the owner names: that is how
        // a shop without quotes on file sends its list. Items chosen for, or quoted cheaper by, another supplier stay put.
        var named = onlySupplierId is null ? null : suppliers.FirstOrDefault(s => s.SupplierId == onlySupplierId);
        var assigned = (list?.Items ?? [])
            .Select(i => (Item: i, Supplier: ItemSupplier.For(i, suppliers, today, measured) ?? (i.SupplierId is null ? named : null)))
            .ToList();
        var orders = assigned
            .Where(a => a.Supplier is not null && (onlySupplierId is null || a.Supplier.SupplierId == onlySupplierId))
            .GroupBy(a => a.Supplier!.SupplierId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PlannedOrder(g.First().Supplier!, g.Select(a => a.Item).ToList()))
            .ToList();
        var unassigned = assigned.Where(a => a.Supplier is null).Select(a => a.Item).ToList();
        return new Plan(orders, unassigned);
    }
}
