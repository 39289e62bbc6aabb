using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseOrders;
using Stationery.Purchasing.PurchaseOrders.Cancelling;
using Stationery.Purchasing.PurchaseOrders.Confirming;
using Stationery.Purchasing.PurchaseOrders.Placing;
using Stationery.Purchasing.PurchaseOrders.Receiving;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.Tests.Specs;

/// <summary>The purchase order's life: given events, when a command, then events (or a refusal and no event).</summary>
public class PurchaseOrderLifecycleSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Order = "PO-20260302-ABC123";

    private static readonly ProductCopy Highlighter = new("HL-Y", "晨光荧光笔", "黄色", "支", "笔类", 12);
    private static readonly ProductCopy Notebook = new("NB-A5", "晨光笔记本", "A5", "本", "本册", 10);

    private static readonly Supplier Chenguang = Supplier.Create(new SupplierRegistered("chenguang", "晨光文具供应商", null, 3, ["笔类"], "owner", Now))
        .Apply(new QuoteRecorded("chenguang", "HL-Y", 1.20m, 12, new DateOnly(2026, 6, 30), "owner", Now))
        .Apply(new QuoteRecorded("chenguang", "NB-A5", 3.50m, 10, new DateOnly(2026, 1, 31), "owner", Now));

    private static PurchaseOrderPlaced Placed(int highlighters = 100, int notebooks = 0)
    {
        var lines = new List<PlacePurchaseOrder.Line> { new(Highlighter, highlighters) };
        if (notebooks > 0) lines.Add(new(Notebook, notebooks));
        return (PurchaseOrderPlaced)PlacePurchaseOrder.Decide(null,
            new PlacePurchaseOrder.Command(Order, "main", Chenguang, lines, "owner", "张店长"), Now).Single();
    }

    private static PurchaseOrder Given(params object[] events) => StateEvolver<PurchaseOrder>.Fold(events)!;

    private static PurchaseOrderConfirmed Confirmed(PurchaseOrder po, int quantity) =>
        (PurchaseOrderConfirmed)ConfirmPurchaseOrder.Decide(po, Confirm(quantity), Now).Single();

    private static ConfirmPurchaseOrder.Command Confirm(int highlighters) => new([new("HL-Y", highlighters)], "supplier", "晨光王经理");

    private static ReceiveGoods.Command Receive(int highlighters, string receipt = "receipt-1") =>
        new(receipt, [new("HL-Y", highlighters)], "clerk", "小李");

    [Fact]
    public void Placing_an_order_prices_lines_from_valid_quotes_only_and_expects_delivery_after_the_lead_time()
    {
        var placed = Placed(highlighters: 100, notebooks: 20);

        placed.SupplierName.ShouldBe("晨光文具供应商");
        placed.ExpectedBy.ShouldBe(new DateOnly(2026, 3, 5));
        placed.Lines.Single(l => l.Sku == "HL-Y").UnitCost.ShouldBe(1.20m);
        placed.Lines.Single(l => l.Sku == "NB-A5").UnitCost.ShouldBeNull("the notebook quote expired in January");
        Given(placed).Status.ShouldBe(PurchaseOrderStatus.Placed);
    }

    [Fact]
    public void A_supplier_confirming_fewer_than_ordered_records_both_figures()
    {
        var confirmed = Confirmed(Given(Placed(100)), 80);

        confirmed.Lines.Single().ShouldBe(new ConfirmedLine("HL-Y", "晨光荧光笔", "支", 100, 80));
        confirmed.QuantitiesChanged.ShouldBeTrue();
        Given(Placed(100), confirmed).Lines.Single().Expected.ShouldBe(80);
    }

    [Fact]
    public void Confirming_twice_is_a_conflict_and_decides_nothing()
    {
        var po = Given(Placed(100));
        var twice = Given(Placed(100), Confirmed(po, 100));

        var refusal = Should.Throw<DomainException>(() => ConfirmPurchaseOrder.Decide(twice, Confirm(100), Now));

        refusal.Status.ShouldBe(409);
        refusal.Code.ShouldBe("purchase-order-already-confirmed");
    }

    [Fact]
    public void Confirming_a_cancelled_order_is_a_conflict()
    {
        var po = Given(Placed(100));
        var cancelled = Given(Placed(100), CancelPurchaseOrder.Decide(po, new("不需要了", "owner", "张店长"), Now).Single());

        Should.Throw<DomainException>(() => ConfirmPurchaseOrder.Decide(cancelled, Confirm(100), Now)).Code.ShouldBe("purchase-order-cancelled");
    }

    [Fact]
    public void Receiving_half_of_the_confirmed_quantity_partially_receives_and_raises_a_discrepancy_quoting_all_three_figures()
    {
        var placed = Placed(100);
        var confirmed = Confirmed(Given(placed), 100);

        var events = ReceiveGoods.Decide(Given(placed, confirmed), Receive(50), Now);

        var received = events[0].ShouldBeOfType<GoodsReceived>();
        received.Lines.Single().ShouldBe(new ReceivedLine("HL-Y", "晨光荧光笔", "支", 50, 50, 100));
        received.OrderCompleted.ShouldBeFalse();
        events[1].ShouldBeOfType<DeliveryDiscrepancyRaised>().Lines.Single()
            .ShouldBe(new DiscrepancyLine("HL-Y", "晨光荧光笔", "支", 100, 100, 50));
        Given([placed, confirmed, .. events]).Status.ShouldBe(PurchaseOrderStatus.PartiallyReceived);
    }

    [Fact]
    public void Receiving_the_rest_completes_the_order_without_a_discrepancy()
    {
        var placed = Placed(100);
        var confirmed = Confirmed(Given(placed), 100);
        var first = ReceiveGoods.Decide(Given(placed, confirmed), Receive(50), Now);

        var second = ReceiveGoods.Decide(Given([placed, confirmed, .. first]), Receive(50, "receipt-2"), Now);

        second.Single().ShouldBeOfType<GoodsReceived>().OrderCompleted.ShouldBeTrue();
        var po = Given([placed, confirmed, .. first, .. second]);
        po.Status.ShouldBe(PurchaseOrderStatus.Received);
        po.Receipts.ShouldBe(2);
        po.Lines.Single().Outstanding.ShouldBe(0);
    }

    [Fact]
    public void Receiving_a_cancelled_order_is_a_conflict_and_decides_nothing()
    {
        var placed = Placed(100);
        var cancelled = Given(placed, CancelPurchaseOrder.Decide(Given(placed), new(null, "owner", "张店长"), Now).Single());

        var refusal = Should.Throw<DomainException>(() => ReceiveGoods.Decide(cancelled, Receive(10), Now));

        refusal.Status.ShouldBe(409);
        refusal.Code.ShouldBe("purchase-order-cancelled");
    }

    [Fact]
    public void Receiving_beyond_the_ten_percent_tolerance_is_a_conflict_but_within_it_is_an_over_delivery_discrepancy()
    {
        var placed = Placed(100);
        var po = Given(placed, Confirmed(Given(placed), 100));

        Should.Throw<DomainException>(() => ReceiveGoods.Decide(po, Receive(111), Now)).Code.ShouldBe("over-delivery");

        var within = ReceiveGoods.Decide(po, Receive(110), Now);
        within[0].ShouldBeOfType<GoodsReceived>().OrderCompleted.ShouldBeTrue();
        within[1].ShouldBeOfType<DeliveryDiscrepancyRaised>().Lines.Single().Received.ShouldBe(110);
    }

    [Fact]
    public void Receiving_a_product_that_is_not_on_the_order_is_invalid_input_naming_the_line()
    {
        var po = Given(Placed(100));

        var refusal = Should.Throw<ValidationException>(() =>
            ReceiveGoods.Decide(po, new("r", [new("HL-Y", 10), new("ERASER", 5)], "clerk", "小李"), Now));

        refusal.Status.ShouldBe(400);
        refusal.Errors.Keys.ShouldBe(["lines[1].sku"]);
    }

    [Fact]
    public void Goods_arriving_before_confirmation_are_measured_against_the_ordered_quantity_and_confirmation_is_then_refused()
    {
        var placed = Placed(100);
        var events = ReceiveGoods.Decide(Given(placed), Receive(60), Now);

        events[1].ShouldBeOfType<DeliveryDiscrepancyRaised>().Lines.Single().ShouldBe(new DiscrepancyLine("HL-Y", "晨光荧光笔", "支", 100, null, 60));
        Should.Throw<DomainException>(() => ConfirmPurchaseOrder.Decide(Given([placed, .. events]), Confirm(100), Now))
            .Code.ShouldBe("purchase-order-already-receiving");
    }

    [Fact]
    public void Cancelling_after_a_partial_delivery_releases_only_what_has_not_arrived()
    {
        var placed = Placed(100, notebooks: 20);
        var received = ReceiveGoods.Decide(Given(placed), Receive(30), Now);

        var cancelled = CancelPurchaseOrder.Decide(Given([placed, .. received]), new("供应商缺货", "owner", "张店长"), Now)
            .Single().ShouldBeOfType<PurchaseOrderCancelled>();

        cancelled.Outstanding.ShouldBe([new("HL-Y", "晨光荧光笔", "黄色", "支", 70), new("NB-A5", "晨光笔记本", "A5", "本", 20)]);
    }

    [Fact]
    public void Cancelling_twice_or_after_full_delivery_is_a_conflict()
    {
        var placed = Placed(100);
        var cancel = new CancelPurchaseOrder.Command(null, "owner", "张店长");
        var cancelled = Given(placed, CancelPurchaseOrder.Decide(Given(placed), cancel, Now).Single());
        var received = Given([placed, .. ReceiveGoods.Decide(Given(placed), Receive(100), Now)]);

        Should.Throw<DomainException>(() => CancelPurchaseOrder.Decide(cancelled, cancel, Now)).Status.ShouldBe(409);
        Should.Throw<DomainException>(() => CancelPurchaseOrder.Decide(received, cancel, Now)).Code.ShouldBe("purchase-order-received");
        Should.Throw<DomainException>(() => ReceiveGoods.Decide(received, Receive(1), Now)).Code.ShouldBe("purchase-order-received");
    }

    [Fact]
    public void Damaged_units_are_not_booked_stay_outstanding_and_always_raise_a_discrepancy()
    {
        var placed = Placed(100);
        var confirmed = Confirmed(Given(placed), 100);

        var events = ReceiveGoods.Decide(Given(placed, confirmed), new ReceiveGoods.Command("r-1", [new("HL-Y", 100, 5)], "clerk", "小李"), Now);

        var received = events[0].ShouldBeOfType<GoodsReceived>();
        received.Lines.Single().ShouldBe(new ReceivedLine("HL-Y", "晨光荧光笔", "支", 95, 95, 100, 5));
        received.OrderCompleted.ShouldBeFalse("the 5 broken ones are still owed");
        events[1].ShouldBeOfType<DeliveryDiscrepancyRaised>().Lines.Single()
            .ShouldBe(new DiscrepancyLine("HL-Y", "晨光荧光笔", "支", 100, 100, 95, 5));
        var po = Given([placed, confirmed, .. events]);
        po.Lines.Single().ShouldBe(po.Lines.Single() with { Received = 95, Damaged = 5 });
        po.Lines.Single().Outstanding.ShouldBe(5);

        var replaced = ReceiveGoods.Decide(po, new ReceiveGoods.Command("r-2", [new("HL-Y", 5)], "clerk", "小李"), Now);
        replaced.Single().ShouldBeOfType<GoodsReceived>().OrderCompleted.ShouldBeTrue();
    }

    [Fact]
    public void A_delivery_in_full_with_some_damaged_on_a_later_line_is_a_discrepancy_even_when_the_sound_units_make_the_total()
    {
        var placed = Placed(100);
        var po = Given(placed, Confirmed(Given(placed), 100));

        // 110 at the door, 10 broken: 100 sound units complete the order, but the broken ones are on record for the supplier.
        var events = ReceiveGoods.Decide(po, new ReceiveGoods.Command("r-1", [new("HL-Y", 110, 10)], "clerk", "小李"), Now);

        events[0].ShouldBeOfType<GoodsReceived>().OrderCompleted.ShouldBeTrue();
        events[1].ShouldBeOfType<DeliveryDiscrepancyRaised>().Lines.Single().Damaged.ShouldBe(10);
    }

    [Fact]
    public void Receiving_beyond_the_tolerance_on_a_partly_received_order_is_a_conflict_and_decides_nothing()
    {
        var placed = Placed(100);
        var confirmed = Confirmed(Given(placed), 100);
        var first = ReceiveGoods.Decide(Given(placed, confirmed), Receive(60), Now);

        var refusal = Should.Throw<DomainException>(() => ReceiveGoods.Decide(Given([placed, confirmed, .. first]), Receive(51, "receipt-2"), Now));

        refusal.Status.ShouldBe(409);
        refusal.Code.ShouldBe("over-delivery");
    }
}
