using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>The one alert fact that goes out: one <see cref="StockAlertChanged"/> per change of the alert level, saying why it closed.</summary>
public sealed class StockAlertSpecs : StockSpecs
{
    private static ReorderPolicySet PointOf(int point) => new(Branch, "HL-Y", new ReorderPolicy(point, null, null, null), "owner", Now);

    [Fact]
    public void The_sale_that_takes_the_last_unit_of_a_product_not_yet_low_is_one_out_alert_with_the_policys_figures()
    {
        Given(Opened(), PointOf(5), new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));

        var alert = When(s => Sell(s, 8)).OfType<StockAlertChanged>().ShouldHaveSingleItem();

        alert.ShouldBe(new StockAlertChanged(Branch, "HL-Y", AlertLevel.Out, AlertLevel.None, null, "晨光荧光笔", "黄色", "支", 0, 0, 0, 5,
            12, null, Now)); // 2×5 − 0 = 10 → 2 packs of 6
    }

    [Fact]
    public void Low_then_out_are_two_changes_and_an_order_too_small_to_lift_it_changes_nothing()
    {
        Given(Opened(), PointOf(5), new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));

        When(s => Sell(s, 4)).OfType<StockAlertChanged>().ShouldHaveSingleItem().Level.ShouldBe(AlertLevel.Low);
        var outAlert = When(s => Sell(s, 4)).OfType<StockAlertChanged>().ShouldHaveSingleItem();
        When(s => Order(s, "PO-1", 1, OrderStage.Placed)).OfType<StockAlertChanged>().ShouldBeEmpty();

        (outAlert.Level, outAlert.Previous).ShouldBe((AlertLevel.Out, AlertLevel.Low));
    }

    [Fact]
    public void A_sell_out_without_a_policy_is_resolved_by_the_receipt_that_brings_stock_back_as_restocked()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 2, 2, "R-1", "clerk", "api", Now));
        When(s => Sell(s, 2)).OfType<StockAlertChanged>().ShouldHaveSingleItem().Level.ShouldBe(AlertLevel.Out);

        var resolved = When(s => Receive(s, 10, "R-2")).OfType<StockAlertChanged>().ShouldHaveSingleItem();

        resolved.ShouldBe(new StockAlertChanged(Branch, "HL-Y", AlertLevel.None, AlertLevel.Out, AlertResolution.Restocked, "晨光荧光笔", "黄色",
            "支", 10, 0, 0, null, null, null, Now));
    }

    [Fact]
    public void A_sell_out_without_a_policy_stays_out_while_goods_are_only_on_order()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 2, 2, "R-1", "clerk", "api", Now));
        When(s => Sell(s, 2));

        When(s => Order(s, "PO-1", 20, OrderStage.Placed)).OfType<StockAlertChanged>().ShouldBeEmpty();
    }

    [Fact]
    public void An_order_that_lifts_the_projection_above_the_point_resolves_the_alert_as_on_order_not_restocked()
    {
        Given(Opened(), PointOf(5), new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));
        When(s => Sell(s, 5));

        var resolved = When(s => Order(s, "PO-1", 20, OrderStage.Placed)).OfType<StockAlertChanged>().ShouldHaveSingleItem();
        var delivered = When(s => ReceiveOrder(s, "PO-1", 20, 0));

        resolved.ShouldBe(new StockAlertChanged(Branch, "HL-Y", AlertLevel.None, AlertLevel.Low, AlertResolution.OnOrder, "晨光荧光笔", "黄色",
            "支", 3, 20, 0, 5, null, null, Now));
        delivered.OfType<StockAlertChanged>().ShouldBeEmpty("the goods arriving change nothing the alert said: it is closed already");
    }

    [Fact]
    public void Removing_the_reorder_point_closes_a_low_alert_as_policy_removed()
    {
        Given(Opened(), PointOf(5), new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));
        When(s => Sell(s, 4));

        When(s => Policy(s, null)).OfType<StockAlertChanged>().ShouldHaveSingleItem().Resolution.ShouldBe(AlertResolution.PolicyRemoved);
    }

    [Fact]
    public void A_receipt_that_leaves_a_sold_out_product_still_low_moves_the_alert_from_out_to_low()
    {
        Given(Opened(), PointOf(5), new StockReceived(Branch, "HL-Y", 3, 3, "R-1", "clerk", "api", Now));
        When(s => Sell(s, 3));

        var moved = When(s => Receive(s, 2, "R-2")).OfType<StockAlertChanged>().ShouldHaveSingleItem();

        (moved.Level, moved.Previous, moved.Resolution, moved.SuggestedQuantity).ShouldBe((AlertLevel.Low, AlertLevel.Out, (AlertResolution?)null, (int?)12));
    }
}
