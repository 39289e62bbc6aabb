using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Counting;
using Stationery.Inventory.Stock.Observing;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>Stock reported in chat: compared with the books (no change), and recorded as a spot count when someone allowed says so.</summary>
public sealed class ChatReportSpecs : StockSpecs
{
    private static readonly Recorder FromChat = new("clerk", "chat:m-1");

    private static IReadOnlyList<object> Report(StockItem? s, int reported, int? suggested = 20) =>
        CompareChatReport.Decide(s, new CompareChatReport(Branch, Highlighter, reported, suggested, "main-group", "m-1", "card-1", FromChat), Now);

    private static IReadOnlyList<object> Count(StockItem? s, int counted) =>
        RecordSpotCount.Decide(s, new RecordSpotCount(Branch, Highlighter, counted, "card-1", new Recorder("张店长", "chat:card-1")), Now);

    [Fact]
    public void A_report_is_compared_with_the_books_and_changes_nothing()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, 40, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now),
            new OnOrderChanged(Branch, "HL-Y", "PO-1", 12, 12, OrderStage.Placed, Now));

        var events = Report(State, reported: 3);

        // Inventory's own suggestion: up to 40 from projected 8 + 12 = 20 → 20, rounded to packs of 6 → 24.
        events.ShouldHaveSingleItem().ShouldBe(new StockObserved(Branch, "HL-Y", "晨光荧光笔", "黄色", "支", 3, 8, 12, 0, 20, 24,
            "main-group", "m-1", "card-1", "clerk", Now));
        State!.OnHand.ShouldBe(8);
    }

    [Fact]
    public void A_report_of_a_product_the_branch_never_held_opens_its_stream_at_zero_without_a_suggestion()
    {
        var events = Report(null, reported: 2, suggested: null);

        events.Select(e => e.GetType().Name).ShouldBe([nameof(StockItemOpened), nameof(StockObserved)]);
        var observed = (StockObserved)events[1];
        (observed.OnHand, observed.Suggested, observed.SystemSuggested).ShouldBe((0, (int?)null, (int?)null));
    }

    [Fact]
    public void A_spot_count_below_the_books_is_an_adjustment_with_reason_count_from_the_chat_message_and_can_raise_the_alert()
    {
        Given(Opened(), new ReorderPolicySet(Branch, "HL-Y", new ReorderPolicy(5, 40, null, null), "owner", Now),
            new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));

        var events = When(s => Count(s, 3));

        events[0].ShouldBe(new StockAdjusted(Branch, "HL-Y", -5, AdjustmentReason.Count, "聊天盘点 spot count from chat", 3, "张店长", "chat:card-1", Now));
        events[1].ShouldBe(new SpotCountRecorded(Branch, "HL-Y", "支", 3, -5, 3, "card-1", "张店长", Now));
        events[2].ShouldBeOfType<LowStockDetected>().OnHand.ShouldBe(3);
        State!.OnHand.ShouldBe(3);
    }

    [Fact]
    public void A_spot_count_that_agrees_with_the_books_records_the_count_and_no_adjustment()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 8, 8, "R-1", "clerk", "api", Now));

        Count(State, 8).ShouldHaveSingleItem().ShouldBe(new SpotCountRecorded(Branch, "HL-Y", "支", 8, 0, 8, "card-1", "张店长", Now));
    }

    [Fact]
    public void A_spot_count_above_the_books_finds_stock()
    {
        Given(Opened(), new StockReceived(Branch, "HL-Y", 2, 2, "R-1", "clerk", "api", Now));

        When(s => Count(s, 5))[0].ShouldBeOfType<StockAdjusted>().Delta.ShouldBe(3);
        State!.OnHand.ShouldBe(5);
    }
}
