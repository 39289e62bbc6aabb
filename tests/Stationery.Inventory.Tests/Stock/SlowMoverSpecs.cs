using Stationery.Inventory.Alerts;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Stock;

public sealed class SlowMoverSpecs : StockSpecs
{
    private static readonly TimeZoneInfo Shanghai = SlowMoverPass.Zone("Asia/Shanghai");
    private static readonly DateOnly Received = DateOnly.FromDateTime(Now.DateTime);

    private static IReadOnlyList<object> Pass(StockItem? s, int daysLater) =>
        SlowMoverRule.Evaluate(s, Received.AddDays(daysLater), Shanghai, Now.AddDays(daysLater));

    [Fact]
    public void Stock_unsold_past_the_categorys_threshold_is_a_slow_mover_once()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", Now),
            new ItemsSold(Branch, "HL-Y", 2, 3.5m, 8, "S-1", Now.AddDays(1), "clerk", "api", Now.AddDays(1)));

        Pass(State, 60).ShouldBeEmpty(); // 59 days since the sale; 笔类 waits 60
        var found = When(s => Pass(s, 61)).ShouldHaveSingleItem().ShouldBeOfType<SlowMoverDetected>();

        found.DaysWithoutSale.ShouldBe(60);
        found.ThresholdDays.ShouldBe(60);
        found.AgeingBracket.ShouldBe("31-60");
        found.SellThrough.ShouldBe(0.2m); // 2 sold ÷ (2 + 8)
        found.OnHand.ShouldBe(8);
        Pass(State, 62).ShouldBeEmpty();
    }

    [Fact]
    public void A_sale_ends_the_episode_and_a_new_one_can_start()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", Now));
        When(s => Pass(s, 70)).ShouldHaveSingleItem();

        When(s => RecordSaleOn(s, daysLater: 71));

        State!.SlowMover.ShouldBeFalse();
        Pass(State, 100).ShouldBeEmpty();
        Pass(State, 131).ShouldHaveSingleItem().ShouldBeOfType<SlowMoverDetected>().AgeingBracket.ShouldBe("31-60");
    }

    [Fact]
    public void The_products_own_threshold_wins_and_never_sold_stock_counts_from_its_first_receipt()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(null, null, null, 20), "owner", Now),
            new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", Now));

        var found = Pass(State, 95).ShouldHaveSingleItem().ShouldBeOfType<SlowMoverDetected>();

        found.ThresholdDays.ShouldBe(20);
        found.LastSoldAt.ShouldBeNull();
        found.AgeingBracket.ShouldBe("90+");
        found.SellThrough.ShouldBe(0m);
    }

    [Fact]
    public void Nothing_on_the_shelf_is_not_a_slow_mover()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 2, 2, "R-1", "clerk", "api", Now),
            new ItemsSold(Branch, "HL-Y", 2, 3.5m, 0, "S-1", Now, "clerk", "api", Now));

        Pass(State, 200).ShouldBeEmpty();
    }

    [Fact]
    public void Days_are_counted_on_the_branchs_calendar()
    {
        // Received at 01:00 on 2 September in Shanghai, which is still 1 September in UTC: the shop's day counts.
        var earlyMorning = new DateTimeOffset(2026, 9, 2, 1, 0, 0, TimeSpan.FromHours(8));
        Given(Opened(), new StockReceived(Branch, "HL-Y", 5, 5, "R-1", "clerk", "api", earlyMorning));

        SlowMoverRule.Evaluate(State, new DateOnly(2026, 10, 31), Shanghai, earlyMorning.AddDays(59)).ShouldBeEmpty();
        SlowMoverRule.Evaluate(State, new DateOnly(2026, 11, 1), Shanghai, earlyMorning.AddDays(60)).ShouldHaveSingleItem()
            .ShouldBeOfType<SlowMoverDetected>().DaysWithoutSale.ShouldBe(60);
    }

    [Theory]
    [InlineData(0, "0-30")]
    [InlineData(30, "0-30")]
    [InlineData(31, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "90+")]
    public void Ageing_brackets(int days, string bracket) => SlowMoverRule.AgeingBracket(days).ShouldBe(bracket);

    private static IReadOnlyList<object> RecordSaleOn(StockItem? s, int daysLater) =>
        Stationery.Inventory.Stock.Selling.RecordSale.Decide(s, new Stationery.Inventory.Stock.Selling.RecordSale(Branch, Highlighter, 1,
            3.5m, "S-9", Now.AddDays(daysLater), Clerk), Now.AddDays(daysLater));
}
