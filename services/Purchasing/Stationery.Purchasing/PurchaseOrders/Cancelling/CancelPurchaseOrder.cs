using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.PurchaseOrders.Viewing;

namespace Stationery.Purchasing.PurchaseOrders.Cancelling;

public sealed record CancelPurchaseOrderRequest(string? Reason);

/// <summary>
/// 取消: the rest of an order will not come. Allowed until it has been received in full; what was already delivered stays
/// delivered, and only the outstanding quantities leave Inventory's on-order figures.
/// </summary>
public static class CancelPurchaseOrder
{
    public sealed record Command(string? Reason, string By, string ByName);

    public static RouteGroupBuilder MapCancelPurchaseOrder(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{id}/cancel", async (string id, CancelPurchaseOrderRequest? request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User;
            var visible = user.EnsureVisible(await session.LoadAsync<PurchaseOrder>(id, ct), id);
            user.Demand("orders.place", branch: visible.Branch);
            new Validation().Require((request?.Reason ?? "").Length <= 200, "reason", "must be at most 200 characters").ThrowIfInvalid();
            var command = new Command(string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim(), user.UserId(), user.DisplayName());
            await session.Decide<PurchaseOrder>(id, po =>
            {
                var order = user.EnsureVisible(po, id);
                user.Demand("orders.place", branch: order.Branch);
                return Decide(order, command, clock.GetUtcNow());
            }, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(await PurchaseOrderView.LoadAsync(session, user, id, ct));
        }).RequirePermission("orders.place").WithName("CancelPurchaseOrder");
        return orders;
    }

    public static IReadOnlyList<object> Decide(PurchaseOrder po, Command c, DateTimeOffset now)
    {
        switch (po.Status)
        {
            case PurchaseOrderStatus.Cancelled:
                throw new DomainException("purchase-order-cancelled", $"采购单 {po.Id} 已经取消了 (the order is already cancelled).");
            case PurchaseOrderStatus.Received:
                throw new DomainException("purchase-order-received", $"采购单 {po.Id} 已全部到货,不能取消 (the order has been received in full).");
        }
        var outstanding = po.Lines.Where(l => l.Outstanding > 0)
            .Select(l => new OutstandingLine(l.Sku, l.Name, l.Spec, l.Unit, l.Outstanding)).ToList();
        return [new PurchaseOrderCancelled(po.Id, po.Branch, po.SupplierId, po.SupplierName, c.Reason, outstanding, c.By, c.ByName, now)];
    }
}
