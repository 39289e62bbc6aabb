using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Stock;

public sealed class OnOrderSpecs : StockSpecs
{
    private void GivenLowWithAnOpenAlert() => Given(Opened(),
        new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, 30, null, null), "owner", Now),
        new StockReceived(Branch, "HL-Y", 4, 4, "R-1", "clerk", "api", Now),
        new LowStockDetected(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 4, 0, 5, 30, Now));

    [Fact]
    public void Placing_an_order_counts_toward_projected_stock_and_resolves_the_alert()
    {
        GivenLowWithAnOpenAlert();

        var events = When(s => Order(s, "PO-1", 24, OrderStage.Placed));

        events[0].ShouldBe(new OnOrderChanged(Branch, "HL-Y", "PO-1", 24, 24, OrderStage.Placed, Now));
        events[1].ShouldBe(new LowStockResolved(Branch, "HL-Y", 4, 24, 5, Now));
        State!.Projected.ShouldBe(28);
    }

    [Fact]
    public void With_stock_on_order_selling_raises_no_alert_until_the_projected_figure_reaches_the_point()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now),
            new OnOrderChanged(Branch, "HL-Y", "PO-1", 2, 2, OrderStage.Placed, Now));

        When(s => Sell(s, 4)).ShouldHaveSingleItem(); // 4 on hand + 2 on order = 6 > 5
        var detected = When(s => Sell(s, 1)).OfType<LowStockDetected>().ShouldHaveSingleItem(); // 3 + 2 = 5

        detected.OnHand.ShouldBe(3);
        detected.OnOrder.ShouldBe(2);
        detected.SuggestedQuantity.ShouldBe(6); // 2×5 − 5 projected = 5 → one pack of 6
    }

    [Fact]
    public void Goods_received_against_an_order_book_stock_and_lower_on_order_in_one_decision()
    {
        GivenLowWithAnOpenAlert();
        When(s => Order(s, "PO-1", 24, OrderStage.Placed));

        var events = When(s => ReceiveOrder(s, "PO-1", 18, outstandingAfter: 6));

        events.Count.ShouldBe(2);
        events[0].ShouldBe(new StockReceived(Branch, "HL-Y", 18, 22, "PO-1", "李店长", "purchase-order:R1", Now));
        events[1].ShouldBe(new OnOrderChanged(Branch, "HL-Y", "PO-1", 6, 6, OrderStage.Received, Now));
        State!.Projected.ShouldBe(28);
    }

    [Fact]
    public void A_placement_that_arrives_after_the_delivery_does_not_reopen_the_order()
    {
        GivenLowWithAnOpenAlert();
        When(s => ReceiveOrder(s, "PO-1", 24, outstandingAfter: 0));

        When(s => Order(s, "PO-1", 24, OrderStage.Placed)).ShouldBeEmpty();
        When(s => Order(s, "PO-1", 24, OrderStage.Confirmed)).ShouldBeEmpty();
        State!.OnOrder.ShouldBe(0);
        State.OnHand.ShouldBe(28);
    }

    [Fact]
    public void Of_two_receipts_arriving_out_of_order_the_one_leaving_less_outstanding_wins()
    {
        GivenLowWithAnOpenAlert();
        When(s => Order(s, "PO-1", 30, OrderStage.Placed));
        When(s => ReceiveOrder(s, "PO-1", 10, outstandingAfter: 10)); // the second delivery, first to arrive

        var late = When(s => ReceiveOrder(s, "PO-1", 10, outstandingAfter: 20));

        late.ShouldHaveSingleItem().ShouldBeOfType<StockReceived>();
        State!.OnOrder.ShouldBe(10);
        State.OnHand.ShouldBe(24);
    }

    [Fact]
    public void A_supplier_confirming_less_lowers_on_order_and_cancelling_reopens_the_alert()
    {
        GivenLowWithAnOpenAlert();
        When(s => Order(s, "PO-1", 24, OrderStage.Placed));

        When(s => Order(s, "PO-1", 12, OrderStage.Confirmed)).ShouldHaveSingleItem()
            .ShouldBe(new OnOrderChanged(Branch, "HL-Y", "PO-1", 12, 12, OrderStage.Confirmed, Now));
        var cancelled = When(s => Order(s, "PO-1", 0, OrderStage.Cancelled));

        cancelled[0].ShouldBe(new OnOrderChanged(Branch, "HL-Y", "PO-1", 0, 0, OrderStage.Cancelled, Now));
        cancelled[1].ShouldBeOfType<LowStockDetected>().SuggestedQuantity.ShouldBe(30); // 30 − 4 = 26 → 5 packs of 6
        When(s => Order(s, "PO-1", 12, OrderStage.Confirmed)).ShouldBeEmpty();
    }

    [Fact]
    public void Two_open_orders_add_up()
    {
        Given(Opened());

        When(s => Order(s, "PO-1", 12, OrderStage.Placed));
        When(s => Order(s, "PO-2", 6, OrderStage.Placed)).ShouldHaveSingleItem().ShouldBeOfType<OnOrderChanged>().OnOrder.ShouldBe(18);
    }
}
