using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Reordering;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>自动补货点: reorder point and max level computed from sales, against figures worked out by hand.</summary>
public sealed class ComputedReorderPolicySpecs : StockSpecs
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Shanghai", TimeSpan.FromHours(8), "Shanghai", "Shanghai");
    private static readonly DateOnly Day1 = new(2026, 9, 1);
    private static readonly ReorderSettings FourDays = new(LeadTimeDays: 4, CoverDays: 14, LookBackDays: 28, SafetyFactor: 1.65);

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    private static List<DemandDay> Days(params int[] sold) =>
        [.. sold.Select((n, i) => new DemandDay(Day1.AddDays(i), n, 10))];

    [Fact]
    public void Twenty_days_selling_two_and_four_give_reorder_point_16_and_max_58()
    {
        // average 3; σ = √(20 × 1² / 19) = 1.026; safety ⌈1.65 × 1.026 × √4⌉ = ⌈3.386⌉ = 4; point ⌈3 × 4⌉ + 4 = 16; max 16 + ⌈14 × 3⌉ = 58.
        var computed = ReorderCalculation.Compute(Days([.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 2 : 4)]), FourDays, Day1.AddDays(20))!;

        (computed.ReorderPoint, computed.MaxLevel, computed.SafetyStock, computed.DaysUsed, computed.DaysExcluded)
            .ShouldBe((16, 58, 4, 20, 0));
        computed.AverageDailySales.ShouldBe(3);
        computed.StandardDeviation.ShouldBe(1.026, 0.001);
    }

    [Fact]
    public void Steady_sales_need_no_safety_stock()
    {
        // 2 a day every day: σ 0, point 2 × 4 = 8, max 8 + 28 = 36.
        var computed = ReorderCalculation.Compute(Days([.. Enumerable.Repeat(2, 28)]), FourDays, Day1.AddDays(28))!;

        (computed.ReorderPoint, computed.MaxLevel, computed.SafetyStock).ShouldBe((8, 36, 0));
    }

    [Fact]
    public void Days_that_began_empty_and_sold_nothing_are_left_out_of_the_average()
    {
        // 14 days selling 3, then 6 days with nothing on the shelf: the average stays 3, not 42 / 20 = 2.1.
        var days = Days([.. Enumerable.Repeat(3, 14)]).Concat(Enumerable.Range(14, 6).Select(i => new DemandDay(Day1.AddDays(i), 0, 0))).ToList();

        var computed = ReorderCalculation.Compute(days, FourDays, Day1.AddDays(20))!;

        (computed.AverageDailySales, computed.DaysUsed, computed.DaysExcluded, computed.ReorderPoint).ShouldBe((3.0, 14, 6, 12));
    }

    [Fact]
    public void Less_than_two_weeks_in_stock_or_no_sale_at_all_computes_nothing()
    {
        ReorderCalculation.Compute(Days([.. Enumerable.Repeat(5, 13)]), FourDays, Day1).ShouldBeNull();
        ReorderCalculation.Compute(Days([.. Enumerable.Repeat(0, 28)]), FourDays, Day1).ShouldBeNull();
    }

    [Fact]
    public void The_history_of_a_stream_counts_sales_on_the_day_they_were_made_and_the_stock_each_day_began_with()
    {
        // Day 1: 10 received at 09:00, 4 sold. Day 2: 6 sold (out). Day 3: nothing on the shelf. Day 4: 12 received, 1 sold.
        object[] events =
        [
            Opened(),
            new StockReceived(Branch, "HL-Y", 10, 10, "R-1", "clerk", "api", At(Day1, 9)),
            new ItemsSold(Branch, "HL-Y", 4, 3.5m, 6, "日结", At(Day1, 20), "clerk", "api", At(Day1, 21)),
            new ItemsSold(Branch, "HL-Y", 6, 3.5m, 0, "日结", At(Day1.AddDays(1), 20), "clerk", "api", At(Day1.AddDays(1), 21)),
            new StockReceived(Branch, "HL-Y", 12, 12, "R-2", "clerk", "api", At(Day1.AddDays(3), 9)),
            new ItemsSold(Branch, "HL-Y", 1, 3.5m, 11, "日结", At(Day1.AddDays(3), 20), "clerk", "api", At(Day1.AddDays(3), 21)),
        ];

        var days = ReorderCalculation.History(events, Shanghai, Day1.AddDays(-2), Day1.AddDays(4));

        days.ShouldBe([
            new DemandDay(Day1, 4, 0), new DemandDay(Day1.AddDays(1), 6, 6), new DemandDay(Day1.AddDays(2), 0, 0),
            new DemandDay(Day1.AddDays(3), 1, 0), new DemandDay(Day1.AddDays(4), 0, 11),
        ]);
        days.Where(d => !d.InStock).Select(d => d.Day).ShouldBe([Day1.AddDays(2)]);
    }

    [Fact]
    public void A_product_without_an_explicit_reorder_point_alerts_at_its_computed_one_with_a_suggestion_up_to_the_computed_max()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 14, 14, "R-1", "clerk", "api", Now));
        var computed = ReorderCalculation.Compute(Days([.. Enumerable.Repeat(2, 28)]), FourDays, Day1)!; // point 8, max 36

        When(s => ComputeReorderPolicy.Decide(s, new(computed), Now)).ShouldHaveSingleItem().ShouldBeOfType<ReorderPolicyComputed>();
        var events = When(s => Sell(s, 6));

        // 8 left = the computed point: up to 36 is 28, rounded to packs of 6 → 30; the alert says the lead time the point counts on.
        events.OfType<LowStockDetected>().ShouldHaveSingleItem().ShouldBe(new LowStockDetected(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 8, 0, 8, 30, Now,
            LeadTimeDays: computed.LeadTimeDays));
        computed.LeadTimeDays.ShouldBe(4);
    }

    [Fact]
    public void A_computed_point_above_the_stock_opens_the_alert_when_it_is_recorded_and_the_same_figures_again_record_nothing()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 6, 6, "R-1", "clerk", "api", Now));
        var computed = ReorderCalculation.Compute(Days([.. Enumerable.Repeat(2, 28)]), FourDays, Day1)!;

        var events = When(s => ComputeReorderPolicy.Decide(s, new(computed), Now));
        var again = When(s => ComputeReorderPolicy.Decide(s, new(computed with { AverageDailySales = 2.01, Day = Day1.AddDays(1) }), Now));

        events.Select(e => e.GetType().Name).ShouldBe([nameof(ReorderPolicyComputed), nameof(LowStockDetected), nameof(StockAlertChanged)]);
        again.ShouldBeEmpty();
    }

    [Fact]
    public void An_explicit_reorder_point_wins_over_the_computed_one()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 6, 6, "R-1", "clerk", "api", Now),
            new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(3, 20, null, null), "owner", Now));
        var computed = ReorderCalculation.Compute(Days([.. Enumerable.Repeat(2, 28)]), FourDays, Day1)!;

        When(s => ComputeReorderPolicy.Decide(s, new(computed), Now)).ShouldBeEmpty();
        State!.ReorderPoint.ShouldBe(3);
    }

    [Fact]
    public void Lead_time_comes_from_the_products_policy_then_its_categorys_then_the_default()
    {
        var category = new CategoryPolicy("category:颜料", "颜料", 12, 21, null, null, Now);

        CategoryDefaults.Resolve("笔类", ReorderPolicy.None, null).ShouldBe(new ReorderSettings(7, 14, 28, 1.65));
        CategoryDefaults.Resolve("颜料", ReorderPolicy.None, null).LeadTimeDays.ShouldBe(10);
        CategoryDefaults.Resolve("颜料", ReorderPolicy.None, category).ShouldBe(new ReorderSettings(12, 21, 28, 1.65));
        CategoryDefaults.Resolve("颜料", new ReorderPolicy(null, null, 3, null), category).LeadTimeDays.ShouldBe(3);
    }
}
