using System.Security.Claims;
using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Purchasing.PurchaseOrders.Viewing;

/// <summary>An order line. Cost fields are absent, not null, for callers without the cost right.</summary>
public sealed record PurchaseOrderLineView(string Sku, string Name, string Spec, string Unit, int Ordered, int? Confirmed, int Received,
    int Outstanding, int Damaged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? UnitCost,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? LineTotal);

/// <summary>One entry of an order's timeline (时间线): every event in order, readable without the cost figures.</summary>
public sealed record TimelineEntry(long Version, DateTimeOffset At, string Kind, string? By, string? ByName, string Text);

public sealed record PurchaseOrderView(string Id, string Branch, string SupplierId, string SupplierName, PurchaseOrderStatus Status,
    DateOnly ExpectedBy, string PlacedBy, DateTimeOffset PlacedAt, int Receipts, IReadOnlyList<PurchaseOrderLineView> Lines,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? TotalCost,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>The arrival day the supplier last announced (发货通知), if it announced one.</summary>
    public DateOnly? AnnouncedDeliveryOn { get; init; }

    /// <summary>
    /// The delivery day the order asked for when it was placed. <see cref="ExpectedBy"/> is the agreed one: the same until
    /// the supplier confirms another day.
    /// </summary>
    public DateOnly OrderedExpectedBy { get; init; }

    public static async Task<PurchaseOrderView> LoadAsync(IQuerySession session, ClaimsPrincipal user, string id, CancellationToken ct)
    {
        var po = user.EnsureVisible(await session.LoadAsync<PurchaseOrder>(id, ct), id);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return From(po, events, user.SeesCostsOf(po), user.SeesChat(po));
    }

    public static PurchaseOrderView From(PurchaseOrder po, IReadOnlyList<IEvent> events, bool showCosts, bool showChat = false)
    {
        var lines = po.Lines.Select(l => new PurchaseOrderLineView(l.Sku, l.Name, l.Spec, l.Unit, l.Ordered, l.Confirmed, l.Received,
            l.Outstanding, l.Damaged, showCosts ? l.UnitCost : null, showCosts ? l.UnitCost * l.Expected : null)).ToList();
        var total = showCosts && po.Lines.All(l => l.UnitCost is not null) ? po.Lines.Sum(l => l.UnitCost!.Value * l.Expected) : (decimal?)null;
        return new PurchaseOrderView(po.Id, po.Branch, po.SupplierId, po.SupplierName, po.Status, po.ExpectedBy, po.PlacedBy, po.PlacedAt,
            po.Receipts, lines, total, events.Select(TimelineText.Entry).OfType<TimelineEntry>().Where(t => showChat || t.Kind != TimelineText.ChatKind).ToList())
        {
            AnnouncedDeliveryOn = po.AnnouncedDeliveryOn,
            OrderedExpectedBy = po.AskedExpectedBy,
        };
    }
}

/// <summary>What each event says in the order's timeline (zh-CN first: it is read by owners and suppliers in chat).</summary>
public static class TimelineText
{
    /// <summary>A person's words in the order's chat thread (supplier channel: owners, managers, hq and the supplier only).</summary>
    public const string ChatKind = "chat-message";

    /// <summary>Who may read the order's chat thread on its timeline: the members of the supplier channel — not clerks.</summary>
    public static bool SeesChat(this System.Security.Claims.ClaimsPrincipal user, PurchaseOrder po) =>
        user.Permits("orders.chat", supplierId: po.SupplierId);

    public static TimelineEntry? Entry(IEvent e) => e.Data switch
    {
        PurchaseOrderPlaced p => new(e.Version, p.At, "placed", p.By, p.ByName,
            $"{p.ByName} 向 {p.SupplierName} 下单:{Lines(p.Lines.Select(l => (l.Name, l.Spec, l.Quantity, l.Unit)))},预计 {p.ExpectedBy:yyyy-MM-dd} 到货"),
        PurchaseOrderConfirmed c => new(e.Version, c.At, "confirmed", c.By, c.ByName,
            $"{c.ByName} 确认订单:" + string.Join(",", c.Lines.Select(l => l.Confirmed == l.Ordered
                ? $"{l.Name} {l.Confirmed}{l.Unit}"
                : $"{l.Name} {l.Confirmed}{l.Unit}(原订 {l.Ordered}{l.Unit})")) + AgreedDate(c)),
        GoodsReceived r => new(e.Version, r.At, "goods-received", r.By, r.ByName,
            $"{r.ByName} 收货:" + string.Join(",", r.Lines.Select(l => $"{l.Name} {l.Quantity}{l.Unit}" +
                (l.Damaged > 0 ? $",破损 {l.Damaged}{l.Unit}" : "") + $"(累计 {l.ReceivedTotal}/{l.Expected})")) +
            (r.OrderCompleted ? ",订单已全部到货" : "")),
        DeliveryDiscrepancyRaised d => new(e.Version, d.At, "discrepancy", null, null,
            "到货差异:" + string.Join(";", d.Lines.Select(l =>
                $"{l.Name} 订购 {l.Ordered}{l.Unit} / 确认 {(l.Confirmed is { } c ? $"{c}{l.Unit}" : "未确认")} / 实收 {l.Received}{l.Unit}" +
                (l.Damaged > 0 ? $" / 破损 {l.Damaged}{l.Unit}" : "")))),
        Acknowledging.DeliveryDiscrepancyAcknowledged a => new(e.Version, a.At, "discrepancy-acknowledged", a.By, a.ByName,
            $"{a.ByName} 确认到货差异:{(a.Settlement == "backorder" ? "补发" : "开红字发票")}"),
        Discussing.ChatMessageRecorded c => new(e.Version, c.PostedAt, TimelineText.ChatKind, c.AuthorId, c.AuthorName, $"{c.AuthorName}:{c.Text}"),
        DeliveryAnnounced a => new(e.Version, a.At, "delivery-announced", a.By, a.ByName,
            $"{a.ByName} 通知发货:{string.Join(",", a.Lines.Select(l => $"{l.Name} {l.Quantity}{l.Unit}"))},预计 {a.ExpectedOn:yyyy-MM-dd} 到货" +
            (a.Note is null ? "" : $"({a.Note})")),
        PurchaseOrderCancelled x => new(e.Version, x.At, "cancelled", x.By, x.ByName,
            $"{x.ByName} 取消订单" + (x.Reason is null ? "" : $":{x.Reason}") +
            (x.Outstanding.Count == 0 ? "" : $",未到货 {Lines(x.Outstanding.Select(l => (l.Name, l.Spec, l.Quantity, l.Unit)))} 不再送")),
        _ => null,
    };

    private static string AgreedDate(PurchaseOrderConfirmed c) => c switch
    {
        { DateChanged: true } => $",到货日期改为 {c.ExpectedBy:yyyy-MM-dd}(原定 {c.WasExpectedBy:yyyy-MM-dd})",
        { ExpectedBy: { } agreed } => $",预计 {agreed:yyyy-MM-dd} 到货",
        _ => "",
    };

    private static string Lines(IEnumerable<(string Name, string Spec, int Quantity, string Unit)> lines) =>
        string.Join(",", lines.Select(l => $"{l.Name}{(l.Spec == "" ? "" : " " + l.Spec)} {l.Quantity}{l.Unit}"));
}

public static class ViewPurchaseOrder
{
    public const int MaxListed = 200;

    public static RouteGroupBuilder MapViewPurchaseOrder(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id}", async (string id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            TypedResults.Ok(await PurchaseOrderView.LoadAsync(session, http.User, id, ct))).RequirePermission("orders.read").WithName("ViewPurchaseOrder");

        // Without a timeline: the list of orders a caller may see (a branch's, or a supplier guest's own), newest first, at
        // most `limit`. Filtered in the query, before the page is cut: a page of other branches' orders would come back empty.
        orders.MapGet("/", async (string? branch, int? limit, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var user = http.User;
            var guestOf = user.IsSupplierGuest() ? user.SupplierId() ?? "" : null;
            new Validation().Require(limit is null or >= 1 and <= MaxListed, "limit", $"须在 1 到 {MaxListed} 之间 / must be between 1 and {MaxListed}")
                .ThrowIfInvalid();
            var query = session.Query<PurchaseOrder>().AsQueryable();
            if (guestOf is not null) query = query.Where(o => o.SupplierId == guestOf);
            else if (!user.IsInRole(PlatformRoles.Hq))
            {
                var reach = user.Branches().ToArray();
                query = query.Where(o => o.Branch.IsOneOf(reach));
            }
            if (!string.IsNullOrWhiteSpace(branch)) query = query.Where(o => o.Branch == branch);
            var found = await query.OrderByDescending(o => o.PlacedAt).Take(limit ?? MaxListed).ToListAsync(ct);
            return TypedResults.Ok(found
                .Where(o => user.Permits("orders.read", o.Branch, o.SupplierId))
                .Select(o => PurchaseOrderView.From(o, [], user.SeesCostsOf(o)))
                .ToList());
        }).RequirePermission("orders.read").WithName("ListPurchaseOrders");
        return orders;
    }
}
