using Stationery.Hosting.Errors;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Stock;

public sealed class ReceivingAndSellingSpecs : StockSpecs
{
    [Fact]
    public void The_first_receipt_opens_the_stream_with_the_products_facts()
    {
        var events = When(s => Receive(s, 12));

        events.Count.ShouldBe(2);
        events[0].ShouldBe(Opened());
        events[1].ShouldBe(new StockReceived(Branch, "HL-Y", 12, 12, "R-1", "clerk", "api", Now));
    }

    [Fact]
    public void A_sale_lowers_on_hand_and_records_the_balance_after_it()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 12, 12, "R-1", "clerk", "api", Now));

        var events = When(s => Sell(s, 5, "POS-0001"));

        events.ShouldHaveSingleItem().ShouldBe(new ItemsSold(Branch, "HL-Y", 5, 3.5m, 7, "POS-0001", Now, "clerk", "api", Now));
        State!.OnHand.ShouldBe(7);
        State.LastSoldAt.ShouldBe(Now);
    }

    [Fact]
    public void Selling_more_than_is_on_hand_is_refused_and_writes_nothing()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 3, 3, "R-1", "clerk", "api", Now));

        var refused = Should.Throw<InsufficientStockException>(() => When(s => Sell(s, 4)));

        refused.Status.ShouldBe(409);
        refused.Code.ShouldBe("insufficient-stock");
        refused.Message.ShouldContain("现有 3 支");
        State!.OnHand.ShouldBe(3);
    }

    [Fact]
    public void Selling_a_product_the_branch_never_held_is_insufficient_stock()
    {
        Should.Throw<InsufficientStockException>(() => When(s => Sell(s, 1)));
        State.ShouldBeNull();
    }

    [Fact]
    public void Two_sales_for_the_last_unit_decided_on_the_same_version_cannot_both_succeed()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 1, 1, "R-1", "clerk", "api", Now));
        var seenByBoth = State;

        Sell(seenByBoth, 1, "POS-A").OfType<ItemsSold>().ShouldHaveSingleItem().OnHand.ShouldBe(0);
        // The store rejects the second append on the stale version (409); decided again on the new state it is refused.
        When(s => Sell(s, 1, "POS-A"));
        Should.Throw<InsufficientStockException>(() => When(s => Sell(s, 1, "POS-B")));
    }

    [Fact]
    public void An_adjustment_keeps_its_reason_and_cannot_take_stock_below_zero()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", Now));

        When(s => Adjust(s, -2, AdjustmentReason.Damage)).ShouldHaveSingleItem()
            .ShouldBe(new StockAdjusted(Branch, "HL-Y", -2, AdjustmentReason.Damage, "碰坏", 8, "clerk", "api", Now));
        Should.Throw<DomainException>(() => When(s => Adjust(s, -9, AdjustmentReason.Loss))).Status.ShouldBe(409);
        When(s => Adjust(s, 3, AdjustmentReason.Found));
        State!.OnHand.ShouldBe(11);
    }

    [Fact]
    public void A_return_to_the_supplier_takes_units_off_hand_but_never_more_than_there_are()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", Now));
        var giveBack = new Stationery.Inventory.Stock.Returning.ReturnToSupplier(Branch, Highlighter, 4, "RT-1", "S-1", "笔头干涸", Clerk);

        When(s => Stationery.Inventory.Stock.Returning.ReturnToSupplier.Decide(s, giveBack, Now)).ShouldHaveSingleItem()
            .ShouldBe(new StockReturned(Branch, "HL-Y", 4, 6, "RT-1", "S-1", "笔头干涸", "clerk", "api", Now));
        Should.Throw<InsufficientStockException>(() =>
            When(s => Stationery.Inventory.Stock.Returning.ReturnToSupplier.Decide(s, giveBack with { Quantity = 7 }, Now)));
        State!.OnHand.ShouldBe(6);
    }
}
