using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.PurchaseOrders.Viewing;

namespace Stationery.Purchasing.PurchaseOrders.Receiving;

/// <summary><c>lines[i].quantity</c> arrived at the door, <c>lines[i].damaged</c> of them broken (not booked into stock).</summary>
public sealed record ReceiveGoodsRequest(IReadOnlyList<ReceiptLineRequest?>? Lines);

/// <summary>
/// 收货: a delivery arrives at the branch. Several receipts per order; each one books stock (through Inventory) and, when
/// what has arrived differs from what was agreed, raises a discrepancy (到货差异) for the supplier's channel. Units damaged on
/// arrival (破损) are not booked and count as not delivered: they are outstanding until replaced, and always a discrepancy.
/// </summary>
public static class ReceiveGoods
{
    /// <summary>Over-delivery accepted per line beyond the expected quantity (10 %, rounded up): more is refused.</summary>
    public const decimal OverDeliveryTolerance = 0.10m;

    /// <summary>Who books a delivery in at the branch (permission <c>orders.receive</c>).</summary>

    public sealed record Command(string ReceiptId, IReadOnlyList<ReceiptLine> Lines, string By, string ByName);

    public static RouteGroupBuilder MapReceiveGoods(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{id}/receipts", async (string id, ReceiveGoodsRequest request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User;
            var visible = user.EnsureVisible(await session.LoadAsync<PurchaseOrder>(id, ct), id);
            user.Demand("orders.receive", branch: visible.Branch);
            var lines = OrderLines.ValidateReceipt(request.Lines);
            var command = new Command(NewReceiptId(), lines, user.UserId(), user.DisplayName());
            await session.Decide<PurchaseOrder>(id, po =>
            {
                var order = user.EnsureVisible(po, id);
                user.Demand("orders.receive", branch: order.Branch);
                return Decide(order, command, clock.GetUtcNow());
            }, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/purchasing/purchase-orders/{id}", await PurchaseOrderView.LoadAsync(session, user, id, ct));
        }).RequirePermission("orders.receive").WithName("ReceiveGoods");
        return orders;
    }

    public static string NewReceiptId() => $"receipt-{Guid.NewGuid():N}"[..20];

    public static int Tolerance(int expected) => (int)Math.Ceiling(expected * OverDeliveryTolerance);

    public static IReadOnlyList<object> Decide(PurchaseOrder po, Command c, DateTimeOffset now)
    {
        switch (po.Status)
        {
            case PurchaseOrderStatus.Cancelled:
                throw new DomainException("purchase-order-cancelled", $"采购单 {po.Id} 已取消,不能收货 (the order was cancelled).");
            case PurchaseOrderStatus.Received:
                throw new DomainException("purchase-order-received", $"采购单 {po.Id} 已全部到货 (the order has been received in full).");
        }
        if (c.Lines.Count == 0)
            throw new ValidationException(new Dictionary<string, string[]> { ["lines"] = ["must contain at least one line"] });
        OrderLines.RequireOnOrder(po, [.. c.Lines.Select(l => l.Sku)]);

        ReceiptLine? In(PurchaseOrderLine l) => c.Lines.FirstOrDefault(x => x.Sku == l.Sku);
        var after = po.Lines.Select(l => l with { Received = l.Received + (In(l)?.Sound ?? 0), Damaged = l.Damaged + (In(l)?.Damaged ?? 0) }).ToList();
        var over = after.Where(l => l.Received > l.Expected + Tolerance(l.Expected)).ToList();
        if (over.Count > 0)
            throw new DomainException("over-delivery", "超出可收货数量: " + string.Join(";", over.Select(l =>
                $"{l.Name} 应到 {l.Expected}{l.Unit},累计将收 {l.Received}{l.Unit},最多 {l.Expected + Tolerance(l.Expected)}{l.Unit}")) +
                " (the receipt exceeds what was ordered beyond the tolerance).");

        var received = c.Lines.Select(x => (Line: x, After: after.First(l => l.Sku == x.Sku)))
            .Select(x => new ReceivedLine(x.After.Sku, x.After.Name, x.After.Unit, x.Line.Sound, x.After.Received, x.After.Expected, x.Line.Damaged))
            .ToList();
        var completed = after.All(l => l.Received >= l.Expected);
        var events = new List<object>
        {
            new GoodsReceived(po.Id, c.ReceiptId, po.Branch, po.SupplierId, po.SupplierName, received, completed, c.By, c.ByName, now),
        };
        var differing = after.Where(l => l.Received != l.Expected || In(l) is { Damaged: > 0 })
            .Select(l => new DiscrepancyLine(l.Sku, l.Name, l.Unit, l.Ordered, l.Confirmed, l.Received, l.Damaged)).ToList();
        if (differing.Count > 0)
            events.Add(new DeliveryDiscrepancyRaised(po.Id, c.ReceiptId, po.Branch, po.SupplierId, po.SupplierName, differing, now));
        return events;
    }
}
