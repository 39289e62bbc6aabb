using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>The stock board's figures against ones worked out by hand on a known history.</summary>
public sealed class StockLevelSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

    private static StockLevel Level(params object[] events) => events.Skip(1).Aggregate(
        StockLevel.Create((StockItemOpened)events[0]), (level, e) => e switch
        {
            StockReceived r => level.Apply(r),
            ItemsSold s => level.Apply(s),
            ReorderPolicySet p => level.Apply(p),
            LowStockDetected d => level.Apply(d),
            LowStockResolved r => level.Apply(r),
            OnOrderChanged o => level.Apply(o),
            _ => level,
        });

    private static StockItemOpened Opened(DateTimeOffset at) => new("main", "NB-A5", "晨光笔记本", "A5 40页", "本", "本册", 10, at);

    private static ItemsSold Sold(int day, int quantity, int onHand) =>
        new("main", "NB-A5", quantity, 3.5m, onHand, $"S-{day}", Start.AddDays(day), "clerk", "api", Start.AddDays(day));

    [Fact]
    public void Days_of_cover_is_on_hand_over_the_average_daily_sales_of_the_last_28_days()
    {
        // 100 received on day 0; 2 a day sold on days 0–29 (60 units) → 40 on hand.
        var events = new List<object> { Opened(Start), new StockReceived("main", "NB-A5", 100, 100, "R-1", "owner", "api", Start) };
        for (var day = 0; day < 30; day++) events.Add(Sold(day, 2, 100 - 2 * (day + 1)));
        var level = Level(events.ToArray());

        // Window on day 29: days 2–29 = 28 days × 2 = 56 units → 2 a day → 40 ÷ 2 = 20 days.
        level.OnHand.ShouldBe(40);
        level.AverageDailySales(Start.AddDays(29)).ShouldBe(2);
        level.DaysOfCover(Start.AddDays(29)).ShouldBe(20);
        // Ten quiet days later the window holds days 12–39: 18 selling days × 2 = 36 units ÷ 28 = 1.2857 a day → 31.1 days.
        level.DaysOfCover(Start.AddDays(39)).ShouldBe(31.1);
        // Nothing sold in the last 28 days: no figure rather than infinity.
        level.DaysOfCover(Start.AddDays(60)).ShouldBeNull();
    }

    [Fact]
    public void A_product_new_at_the_branch_averages_over_the_days_it_has_been_there()
    {
        var level = Level(Opened(Start), new StockReceived("main", "NB-A5", 30, 30, "R-1", "owner", "api", Start),
            Sold(0, 3, 27), Sold(1, 5, 22), Sold(3, 4, 18));

        // Opened on day 0, asked on day 3: 12 units over 4 days = 3 a day → 18 ÷ 3 = 6 days.
        level.DaysOfCover(Start.AddDays(3)).ShouldBe(6);
    }

    [Fact]
    public void Out_of_stock_has_zero_days_of_cover_and_the_status_out()
    {
        var level = Level(Opened(Start), new StockReceived("main", "NB-A5", 3, 3, "R-1", "owner", "api", Start), Sold(0, 3, 0));

        level.DaysOfCover(Start).ShouldBe(0);
        level.Status.ShouldBe("out");
    }

    [Fact]
    public void The_board_status_follows_the_alert_and_on_order_counts_in_the_row()
    {
        var level = Level(Opened(Start), new StockReceived("main", "NB-A5", 4, 4, "R-1", "owner", "api", Start),
            new LowStockDetected("main", "NB-A5", "晨光笔记本", "A5 40页", "本", 4, 0, 5, 10, Start));
        level.Status.ShouldBe("low");
        level.SuggestedQuantity.ShouldBe(10);

        level = level.Apply(new OnOrderChanged("main", "NB-A5", "PO-1", 10, 10, OrderStage.Placed, Start))
            .Apply(new LowStockResolved("main", "NB-A5", 4, 10, 5, Start));
        level.Status.ShouldBe("ok");
        StockRow.From(level, Start).Projected.ShouldBe(14);
    }

    [Fact]
    public void Sales_history_older_than_the_window_is_dropped_from_the_document()
    {
        var events = new List<object> { Opened(Start), new StockReceived("main", "NB-A5", 500, 500, "R-1", "owner", "api", Start) };
        for (var day = 0; day < 100; day++) events.Add(Sold(day, 1, 499 - day));

        Level(events.ToArray()).RecentSales.Count.ShouldBeLessThanOrEqualTo(StockLevel.CoverWindowDays + 7);
    }
}
