using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Demo;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Demo;

public sealed class DemoHistorySpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DemoData Data = DemoHistory.Build(Now);

    private static StockItem Final(DemoStream s) => StockStream.Replay(null, s.Events)!;

    [Fact]
    public void The_catalogue_has_over_200_products_in_every_category_with_valid_unique_barcodes()
    {
        Data.Products.Count.ShouldBeGreaterThanOrEqualTo(200);
        Data.Products.Select(p => p.Category).Distinct()
            .ShouldBe(["笔类", "本册", "文件管理", "橡皮", "尺规", "颜料", "美术用品"], ignoreOrder: true);
        Data.Products.ShouldAllBe(p => p.Barcode != null && Ean13.IsValid(p.Barcode));
        Data.Products.Select(p => p.Barcode).Distinct().Count().ShouldBe(Data.Products.Count);
        Data.Products.Select(p => p.Sku).Distinct().Count().ShouldBe(Data.Products.Count);
        Data.Products.ShouldContain(p => p.Name == "晨光荧光笔" && p.Spec == "黄色");
    }

    [Fact]
    public void Every_product_has_a_history_at_both_branches_covering_120_days()
    {
        Data.Streams.Count.ShouldBe(Data.Products.Count * 2);
        var sales = Data.Streams.SelectMany(s => s.Events).OfType<ItemsSold>().ToList();
        (sales.Max(s => s.SoldAt) - sales.Min(s => s.SoldAt)).TotalDays.ShouldBeGreaterThan(110);
        sales.Count.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void School_items_sell_far_more_in_the_weeks_around_1_September()
    {
        var workbooks = Data.Streams.Where(s => s.Sku.StartsWith("CX-HW") && s.Branch == "main")
            .SelectMany(s => s.Events).OfType<ItemsSold>().ToList();
        double PerDay(DateOnly from, DateOnly to) => workbooks
            .Where(s => DateOnly.FromDateTime(s.SoldAt.DateTime) is var d && d >= from && d <= to).Sum(s => s.Quantity)
            / (double)(to.DayNumber - from.DayNumber + 1);

        PerDay(new DateOnly(2026, 8, 25), new DateOnly(2026, 9, 7)).ShouldBeGreaterThan(2 * PerDay(new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 20)));
    }

    [Theory]
    [InlineData(2026, 11, 25)]
    [InlineData(2026, 9, 3)]
    [InlineData(2027, 3, 1)]
    [InlineData(2027, 6, 15)]
    public void Only_the_chosen_fast_sellers_end_low_and_each_raised_exactly_one_alert(int year, int month, int day)
    {
        var data = DemoHistory.Build(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)));
        var low = data.Streams.Where(s => Final(s).AlertOpen).ToList();

        low.Count.ShouldBeInRange(3, 12);
        low.ShouldAllBe(s => DemoHistory.RunningLow.Contains(s.Sku));
        low.ShouldAllBe(s => s.Events.OfType<LowStockDetected>().Count() == 1);
        data.Streams.Except(low).ShouldAllBe(s => !s.Events.OfType<LowStockDetected>().Any());
    }

    [Fact]
    public void A_few_slow_movers_have_stock_on_the_shelf_and_no_sale_for_two_months()
    {
        var slow = Data.Streams.Where(s => Final(s) is { OnHand: > 0, LastSoldAt: { } last } && (Now - last).TotalDays > 60).ToList();

        slow.Count.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void A_shorter_history_keeps_the_catalogue_and_the_running_low_alerts_and_spans_only_its_days()
    {
        var data = DemoHistory.Build(Now, days: 30);

        data.Products.Select(p => p.Sku).ShouldBe(Data.Products.Select(p => p.Sku));
        var sales = data.Streams.SelectMany(s => s.Events).OfType<ItemsSold>().ToList();
        (Now - sales.Min(s => s.SoldAt)).TotalDays.ShouldBeLessThan(31);
        var low = data.Streams.Where(s => Final(s).AlertOpen).ToList();
        low.Count.ShouldBeInRange(3, 12);
        low.ShouldAllBe(s => DemoHistory.RunningLow.Contains(s.Sku));
        data.Streams.Sum(s => s.Events.Count).ShouldBeLessThan(Data.Streams.Sum(s => s.Events.Count) / 3);
    }

    [Theory]
    [InlineData(DemoHistory.MinDays - 1)]
    [InlineData(DemoHistory.MaxDays + 1)]
    public void A_history_depth_outside_its_range_is_refused(int days) =>
        Should.Throw<ArgumentOutOfRangeException>(() => DemoHistory.Build(Now, days: days));

    [Fact]
    public void The_history_is_the_same_for_the_same_day()
    {
        var again = DemoHistory.Build(Now);

        again.Products.ShouldBe(Data.Products);
        again.Streams.Sum(s => s.Events.Count).ShouldBe(Data.Streams.Sum(s => s.Events.Count));
    }
}
