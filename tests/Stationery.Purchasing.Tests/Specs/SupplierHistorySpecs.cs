using Stationery.Purchasing.PurchaseOrders;
using Stationery.Purchasing.Suppliers.Quoting;

namespace Stationery.Purchasing.Tests.Specs;

/// <summary>Lead time measured from deliveries and the last price paid (pure; no servers).</summary>
public class SupplierHistorySpecs
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static PurchaseOrder Order(string id, string supplier, DateTimeOffset placed, DateTimeOffset? firstReceipt, DateTimeOffset? lastReceipt,
        decimal? unitCost, int received) =>
        new(id, "main", supplier, supplier, received > 0 ? PurchaseOrderStatus.PartiallyReceived : PurchaseOrderStatus.Placed,
            [new PurchaseOrderLine("HL-Y", "晨光荧光笔", "黄色", "支", 100, 100, received, unitCost)], DateOnly.FromDateTime(placed.Date), "owner", placed,
            received > 0 ? 1 : 0, firstReceipt, lastReceipt);

    [Fact]
    public void Lead_time_is_placed_to_first_receipt_averaged_over_delivered_orders_and_the_last_price_is_the_latest_received()
    {
        var histories = SupplierHistories.From([
            Order("PO-1", "chenguang", Monday, Monday.AddDays(2), Monday.AddDays(9), 1.10m, 100),
            Order("PO-2", "chenguang", Monday.AddDays(7), Monday.AddDays(10), Monday.AddDays(10), 1.20m, 50),
            Order("PO-3", "chenguang", Monday.AddDays(8), null, null, 1.30m, 0), // not delivered yet: counts for nothing
            Order("PO-4", "deli", Monday, Monday.AddDays(5).AddHours(12), Monday.AddDays(5).AddHours(12), null, 10), // no quote then: no price
        ]);

        var chenguang = histories["chenguang"];
        chenguang.MeasuredLeadTimeDays.ShouldBe(2.5);
        chenguang.Deliveries.ShouldBe(2);
        chenguang.LastPaid["HL-Y"].ShouldBe(new LastPaid(1.20m, "PO-2", Monday.AddDays(10)));
        histories["deli"].MeasuredLeadTimeDays.ShouldBe(5.5);
        histories["deli"].LastPaid.ShouldBeEmpty();
    }
}
