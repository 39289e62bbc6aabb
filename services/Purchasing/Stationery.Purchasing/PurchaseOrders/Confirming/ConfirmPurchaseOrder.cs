using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.PurchaseOrders.Viewing;

namespace Stationery.Purchasing.PurchaseOrders.Confirming;

/// <summary>
/// Lines to change; lines left out are confirmed as ordered, and no lines at all confirm the order as it stands.
/// <c>expectedBy</c> (optional) is the delivery day the supplier agrees to, when it differs from the order's.
/// </summary>
public sealed record ConfirmPurchaseOrderRequest(IReadOnlyList<LineRequest?>? Lines, DateOnly? ExpectedBy = null);

/// <summary>确认订单: the supplier (its guest login, or the owner on its behalf) confirms what it will deliver.</summary>
public static class ConfirmPurchaseOrder
{
    /// <param name="ExpectedBy">The delivery day the supplier agrees to; null keeps the order's.</param>
    public sealed record Command(IReadOnlyList<LineQuantity> Lines, string By, string ByName, DateOnly? ExpectedBy = null);

    public static RouteGroupBuilder MapConfirmPurchaseOrder(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{id}/confirm", async (string id, ConfirmPurchaseOrderRequest? request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User;
            // Who may, before what: a caller who may not confirm learns nothing about the body's rules.
            var visible = user.EnsureVisible(await session.LoadAsync<PurchaseOrder>(id, ct), id);
            user.Demand("orders.confirm", branch: visible.Branch, supplierId: visible.SupplierId);
            var command = Validate(request, DeliveryDates.Today(clock.GetUtcNow()), user.UserId(), user.DisplayName());
            await session.Decide<PurchaseOrder>(id, po =>
            {
                var order = user.EnsureVisible(po, id);
                user.Demand("orders.confirm", branch: order.Branch, supplierId: order.SupplierId);
                return Decide(order, command, clock.GetUtcNow());
            }, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(await PurchaseOrderView.LoadAsync(session, user, id, ct));
        }).RequirePermission("orders.confirm").WithName("ConfirmPurchaseOrder");
        return orders;
    }

    /// <summary>Every field error at once: the lines' and <c>expectedBy</c>'s.</summary>
    public static Command Validate(ConfirmPurchaseOrderRequest? request, DateOnly today, string by, string byName)
    {
        var v = new Validation().DeliveryDay(request?.ExpectedBy, today, "expectedBy");
        IReadOnlyList<LineQuantity> lines = [];
        try
        {
            lines = OrderLines.Validate(request?.Lines, zeroAllowed: true, required: false);
        }
        catch (ValidationException bad)
        {
            foreach (var (field, rules) in bad.Errors)
                foreach (var rule in rules) v.Add(field, rule);
        }
        v.ThrowIfInvalid();
        return new Command(lines, by, byName, request?.ExpectedBy);
    }

    public static IReadOnlyList<object> Decide(PurchaseOrder po, Command c, DateTimeOffset now)
    {
        switch (po.Status)
        {
            case PurchaseOrderStatus.Cancelled:
                throw new DomainException("purchase-order-cancelled", $"采购单 {po.Id} 已取消,不能确认 (the order was cancelled).");
            case PurchaseOrderStatus.Confirmed:
                throw new DomainException("purchase-order-already-confirmed", $"采购单 {po.Id} 已经确认过了 (the order is already confirmed).");
            case PurchaseOrderStatus.PartiallyReceived or PurchaseOrderStatus.Received:
                throw new DomainException("purchase-order-already-receiving", $"采购单 {po.Id} 已开始收货,不能再确认 (goods have already been received on it).");
        }
        OrderLines.RequireOnOrder(po, [.. c.Lines.Select(l => l.Sku)]);
        DeliveryDates.Require(c.ExpectedBy, DeliveryDates.Today(now), "expectedBy");
        var confirmed = po.Lines.Select(l => new ConfirmedLine(l.Sku, l.Name, l.Unit, l.Ordered,
            c.Lines.FirstOrDefault(x => x.Sku == l.Sku)?.Quantity ?? l.Ordered)).ToList();
        return [new PurchaseOrderConfirmed(po.Id, po.Branch, po.SupplierId, po.SupplierName, confirmed, c.By, c.ByName, now,
            c.ExpectedBy ?? po.ExpectedBy, po.ExpectedBy)];
    }
}
