using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Opening;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>期初库存导入 as a decider: a row's count is a stock count to that figure.</summary>
public sealed class OpeningStockSpecs : StockSpecs
{
    private static readonly Recorder Importer = new("owner", "import");

    private static IReadOnlyList<object> Open(StockItem? s, int count) =>
        ImportOpeningStock.Decide(s, Branch, Highlighter, count, Importer, Now);

    [Fact]
    public void A_branch_that_never_held_the_product_opens_its_stock_at_the_count()
    {
        var events = When(s => Open(s, 12));

        events[0].ShouldBe(Opened());
        events[1].ShouldBe(new StockAdjusted(Branch, "HL-Y", 12, AdjustmentReason.Count, ImportOpeningStock.Note, 12, "owner", "import", Now));
        State!.OnHand.ShouldBe(12);
    }

    [Fact]
    public void Stock_already_held_is_counted_to_the_figure_down_as_well_as_up()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 20, 20, "R-1", "clerk", "api", Now));

        var events = When(s => Open(s, 7));

        events.OfType<StockAdjusted>().ShouldHaveSingleItem().Delta.ShouldBe(-13);
        State!.OnHand.ShouldBe(7);
    }

    [Fact]
    public void The_same_count_again_is_no_event()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 9, 9, "R-1", "clerk", "api", Now));

        When(s => Open(s, 9)).ShouldBeEmpty();
    }

    [Fact]
    public void A_count_of_zero_for_a_new_product_opens_an_empty_stock_line_once()
    {
        When(s => Open(s, 0)).ShouldHaveSingleItem().ShouldBe(Opened());
        When(s => Open(s, 0)).ShouldBeEmpty();
    }
}
