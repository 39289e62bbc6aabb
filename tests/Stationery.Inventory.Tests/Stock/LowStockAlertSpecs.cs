using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Stock;

public sealed class LowStockAlertSpecs : StockSpecs
{
    [Fact]
    public void Selling_down_to_the_reorder_point_raises_an_alert_with_the_products_name_and_a_suggestion()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, 40, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 12, 12, "R-1", "clerk", "api", Now));

        var events = When(s => Sell(s, 7));

        events.Count.ShouldBe(3);
        events[0].ShouldBeOfType<ItemsSold>().OnHand.ShouldBe(5);
        // Up to max 40 from 5 on hand = 35, rounded up to packs of 6 = 36.
        events[1].ShouldBe(new LowStockDetected(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 5, 0, 5, 36, Now));
        events[2].ShouldBe(new StockAlertChanged(Branch, "HL-Y", AlertLevel.Low, AlertLevel.None, null, "晨光荧光笔", "黄色", "支", 5, 0, 0,
            5, 36, null, Now));
    }

    [Fact]
    public void The_alert_says_the_lead_time_of_the_products_policy_so_purchasing_can_pick_a_supplier_that_delivers_in_time()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, 40, 3, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 12, 12, "R-1", "clerk", "api", Now));

        var events = When(s => Sell(s, 7));

        events.OfType<LowStockDetected>().ShouldHaveSingleItem().LeadTimeDays.ShouldBe(3);
    }

    [Fact]
    public void Selling_below_the_reorder_point_twice_raises_one_alert()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));

        var first = When(s => Sell(s, 4));
        var second = When(s => Sell(s, 2));

        first.OfType<LowStockDetected>().ShouldHaveSingleItem().SuggestedQuantity.ShouldBe(6); // 2×5 − 4 = 6, one pack
        second.ShouldHaveSingleItem().ShouldBeOfType<ItemsSold>();
        State!.AlertOpen.ShouldBeTrue();
    }

    [Fact]
    public void Receiving_above_the_reorder_point_resolves_the_alert()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 4, 4, "R-1", "clerk", "api", Now),
            new LowStockDetected(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 4, 0, 5, 6, Now));

        var events = When(s => Receive(s, 24, "R-2"));

        events.Count.ShouldBe(3);
        events[1].ShouldBe(new LowStockResolved(Branch, "HL-Y", 28, 0, 5, Now));
        events[2].ShouldBe(new StockAlertChanged(Branch, "HL-Y", AlertLevel.None, AlertLevel.Low, AlertResolution.Restocked, "晨光荧光笔",
            "黄色", "支", 28, 0, 0, 5, null, null, Now));
        State!.AlertOpen.ShouldBeFalse();
    }

    [Fact]
    public void Receiving_that_still_leaves_stock_at_the_reorder_point_keeps_the_alert_open_without_a_new_one()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 2, 2, "R-1", "clerk", "api", Now),
            new LowStockDetected(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 2, 0, 5, 12, Now));

        When(s => Receive(s, 3)).ShouldHaveSingleItem().ShouldBeOfType<StockReceived>();
        State!.AlertOpen.ShouldBeTrue();
    }

    [Fact]
    public void After_a_resolved_alert_falling_again_raises_a_new_one()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 6, 6, "R-1", "clerk", "api", Now));

        When(s => Sell(s, 2)).OfType<LowStockDetected>().ShouldHaveSingleItem();
        When(s => Receive(s, 10)).OfType<LowStockResolved>().ShouldHaveSingleItem();
        When(s => Sell(s, 9)).OfType<LowStockDetected>().ShouldHaveSingleItem().OnHand.ShouldBe(5);
    }

    [Fact]
    public void A_found_adjustment_above_the_point_resolves_and_a_damage_adjustment_below_it_detects()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 7, 7, "R-1", "clerk", "api", Now));

        When(s => Adjust(s, -3, AdjustmentReason.Damage)).OfType<LowStockDetected>().ShouldHaveSingleItem();
        When(s => Adjust(s, 5, AdjustmentReason.Found)).OfType<LowStockResolved>().ShouldHaveSingleItem();
    }

    [Fact]
    public void Raising_the_reorder_point_above_stock_detects_and_clearing_it_resolves()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", Now));

        var raised = When(s => Policy(s, 12, 30));
        raised[0].ShouldBeOfType<ReorderPolicySet>();
        raised[1].ShouldBeOfType<LowStockDetected>().SuggestedQuantity.ShouldBe(24); // 30 − 10 = 20 → 4 packs of 6

        When(s => Policy(s, null)).OfType<LowStockResolved>().ShouldHaveSingleItem();
        State!.AlertOpen.ShouldBeFalse();
    }

    [Fact]
    public void Setting_a_reorder_point_before_the_first_delivery_raises_no_alert_and_selling_down_later_does()
    {
        When(s => Policy(s, 5, 30)).Select(e => e.GetType()).ShouldBe([typeof(StockItemOpened), typeof(ReorderPolicySet)]);
        When(s => Receive(s, 10)).ShouldHaveSingleItem().ShouldBeOfType<StockReceived>();
        When(s => Sell(s, 3)).ShouldHaveSingleItem();
        When(s => Sell(s, 3)).OfType<LowStockDetected>().ShouldHaveSingleItem().OnHand.ShouldBe(4);
    }

    [Fact]
    public void Setting_the_same_policy_again_changes_nothing()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, 40, null, null), "owner", Now));

        When(s => Policy(s, 5, 40)).ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_reorder_point_no_low_stock_alert_is_raised_but_the_last_unit_going_says_out_of_stock()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 2, 2, "R-1", "clerk", "api", Now));

        var events = When(s => Sell(s, 2));

        events.Select(e => e.GetType()).ShouldBe([typeof(ItemsSold), typeof(WentOutOfStock), typeof(StockAlertChanged)]);
        events[1].ShouldBe(new WentOutOfStock(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 0, 0, Now));
        events[2].ShouldBe(new StockAlertChanged(Branch, "HL-Y", AlertLevel.Out, AlertLevel.None, null, "晨光荧光笔", "黄色", "支", 0, 0, 0,
            null, null, null, Now));
    }

    [Fact]
    public void Out_of_stock_is_said_each_time_the_last_unit_goes_and_not_while_it_stays_at_zero()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 1, 1, "R-1", "clerk", "api", Now));

        When(s => Adjust(s, -1, AdjustmentReason.Damage)).OfType<WentOutOfStock>().ShouldHaveSingleItem();
        When(s => Policy(s, 3)).OfType<WentOutOfStock>().ShouldBeEmpty();
        When(s => Receive(s, 1)).OfType<WentOutOfStock>().ShouldBeEmpty();
        When(s => Sell(s, 1)).OfType<WentOutOfStock>().ShouldHaveSingleItem();
    }

    [Fact]
    public void Discontinuing_closes_the_open_alert_and_selling_off_the_rest_raises_none()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, null, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 4, 4, "R-1", "clerk", "api", Now),
            new LowStockDetected(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 4, 0, 5, 6, Now));
        var discontinued = new Stationery.Inventory.Catalogue.ProductDiscontinued("HL-Y", "厂家停产", "owner", Now);

        When(s => Stationery.Inventory.Catalogue.Changing.ChangeProduct.StopReordering(s, discontinued))
            .Select(e => e.GetType()).ShouldBe([typeof(StockDiscontinued), typeof(LowStockResolved), typeof(StockAlertChanged)]);
        State!.Discontinued.ShouldBeTrue();
        When(s => Sell(s, 3)).ShouldHaveSingleItem().ShouldBeOfType<ItemsSold>();
        When(s => Stationery.Inventory.Catalogue.Changing.ChangeProduct.StopReordering(s, discontinued)).ShouldBeEmpty();
    }
}
