using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.PurchaseOrders.Receiving;
using Stationery.Purchasing.PurchaseOrders.Viewing;

namespace Stationery.Purchasing.PurchaseOrders.Announcing;

/// <summary><c>expectedOn</c> (required), <c>lines</c> (left out: everything still outstanding), an optional <c>note</c>.</summary>
public sealed record AnnounceDeliveryRequest(DateOnly? ExpectedOn, IReadOnlyList<LineRequest?>? Lines, string? Note);

/// <summary>
/// 发货通知: the order's supplier (its guest login) says what it is sending and when it should arrive. It goes on the order's
/// timeline and, through <c>DeliveryAnnounced</c>, into the order card's thread in the supplier channel for the buyers.
/// Nothing is booked: stock moves only when the branch receives.
/// </summary>
public static class AnnounceDelivery
{
    public sealed record Command(DateOnly ExpectedOn, IReadOnlyList<LineQuantity> Lines, string? Note, string By, string ByName);

    public static RouteGroupBuilder MapAnnounceDelivery(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{id}/delivery-notices", async (string id, AnnounceDeliveryRequest request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User;
            user.Demand("orders.announce", supplierId: user.EnsureVisible(await session.LoadAsync<PurchaseOrder>(id, ct), id).SupplierId);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var command = Validate(request, today, user.UserId(), user.DisplayName());
            await session.Decide<PurchaseOrder>(id, po =>
            {
                var order = user.EnsureVisible(po, id);
                user.Demand("orders.announce", supplierId: order.SupplierId);
                return Decide(order, command, clock.GetUtcNow());
            }, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/purchasing/purchase-orders/{id}", await PurchaseOrderView.LoadAsync(session, user, id, ct));
        }).RequirePermission("orders.announce").WithName("AnnounceDelivery");
        return orders;
    }

    public static Command Validate(AnnounceDeliveryRequest r, DateOnly today, string by, string byName)
    {
        var v = new Validation()
            .Require(r.ExpectedOn is not null, "expectedOn", "is required")
            .Require(r.ExpectedOn is null || r.ExpectedOn >= today, "expectedOn", "must not be in the past")
            .Require(r.ExpectedOn is null || r.ExpectedOn <= today.AddDays(365), "expectedOn", "must be within a year")
            .Require((r.Note ?? "").Length <= 200, "note", "must be at most 200 characters");
        IReadOnlyList<LineQuantity> lines = [];
        try
        {
            lines = r.Lines is null ? [] : OrderLines.Validate(r.Lines, zeroAllowed: false, required: true);
        }
        catch (ValidationException bad)
        {
            foreach (var (field, rules) in bad.Errors)
                foreach (var rule in rules) v.Add(field, rule);
        }
        v.ThrowIfInvalid();
        return new Command(r.ExpectedOn!.Value, lines, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), by, byName);
    }

    public static IReadOnlyList<object> Decide(PurchaseOrder po, Command c, DateTimeOffset now)
    {
        if (!po.IsOpen)
            throw new DomainException(po.Status == PurchaseOrderStatus.Cancelled ? "purchase-order-cancelled" : "purchase-order-received",
                $"采购单 {po.Id} 已{(po.Status == PurchaseOrderStatus.Cancelled ? "取消" : "全部到货")},不能再通知发货 (the order is closed).");
        OrderLines.RequireOnOrder(po, [.. c.Lines.Select(l => l.Sku)]);
        var lines = c.Lines.Count == 0
            ? po.Lines.Where(l => l.Outstanding > 0).Select(l => new AnnouncedLine(l.Sku, l.Name, l.Unit, l.Outstanding)).ToList()
            : c.Lines.Select(x => (Line: po.Lines.First(l => l.Sku == x.Sku), x.Quantity))
                .Select(x => new AnnouncedLine(x.Line.Sku, x.Line.Name, x.Line.Unit, x.Quantity)).ToList();
        var over = lines.Select(a => (Announced: a, Line: po.Lines.First(l => l.Sku == a.Sku)))
            .Where(x => x.Announced.Quantity > x.Line.Outstanding + ReceiveGoods.Tolerance(x.Line.Expected)).ToList();
        if (over.Count > 0)
            throw new DomainException("over-delivery", "发货数量超出未到货数量: " + string.Join(";", over.Select(x =>
                $"{x.Line.Name} 未到 {x.Line.Outstanding}{x.Line.Unit},通知 {x.Announced.Quantity}{x.Line.Unit}")) + " (more than is outstanding beyond the tolerance).");
        if (lines.Count == 0)
            throw new DomainException("nothing-outstanding", $"采购单 {po.Id} 没有未到货的商品 (nothing is outstanding on the order).");
        return [new DeliveryAnnounced(po.Id, po.Branch, po.SupplierId, po.SupplierName, c.ExpectedOn, lines, c.Note, c.By, c.ByName, now)];
    }
}
