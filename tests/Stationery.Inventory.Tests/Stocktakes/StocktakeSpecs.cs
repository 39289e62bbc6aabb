using System.Collections.Immutable;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stocktakes;
using Stationery.Inventory.Stocktakes.Counting;
using Stationery.Inventory.Stocktakes.Explaining;
using Stationery.Inventory.Stocktakes.Finishing;
using Stationery.Inventory.Stocktakes.Opening;
using Stationery.Inventory.Stocktakes.Planning;
using Reasons = Stationery.Contracts.Inventory.StocktakeReasons;

namespace Stationery.Inventory.Tests.Stocktakes;

/// <summary>盘点 deciders, given the stocktake's events, without a database.</summary>
public sealed class StocktakeSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8));
    private const string Id = "ST-20261203-AAAAAA";

    // 笔记本区域: 水彩本 (¥8.5, threshold 2 units) and 笔记本 (¥12, threshold ¥20); counted by 小王 and 小李.
    private static readonly StocktakeItemPlan Watercolour = new("WC-16K", "水彩本", "16K", "本", "本册", 8.5m, "z1", 2, null);
    private static readonly StocktakeItemPlan Notebook = new("NB-A5", "笔记本", "A5", "本", "本册", 12m, "z1", null, 20m);
    private static readonly StocktakeItemPlan Pen = new("PEN-05", "中性笔", "0.5mm", "支", "笔类", 2m, "z2", 2, null);

    private Stocktake? stocktake = Fold(null, OpenStocktake.Decide(null, [], new OpenStocktake(Id, "main", "full", true,
        [new StocktakeZonePlan("z1", "笔记本区域", "类别：本册", "本册", [new("u-wang", "小王"), new("u-li", "小李")]),
         new StocktakeZonePlan("z2", "文具区", "类别：笔类", "笔类", [new("u-zhao", "小赵")])],
        [Watercolour, Notebook, Pen], "店长"), Now));

    private readonly Dictionary<string, int> books = new() { ["WC-16K"] = 12, ["NB-A5"] = 5, ["PEN-05"] = 40 };

    private static Stocktake? Fold(Stocktake? s, IEnumerable<object> events) => events.Aggregate(s, StateEvolver<Stocktake>.Evolve);

    private IReadOnlyList<object> Count(string counter, string sku, int quantity, string? countId = null, bool confirm = false,
        string zone = "z1", DateTimeOffset? at = null)
    {
        var command = new RecordCount(Id, zone, sku, countId ?? Guid.NewGuid().ToString("N"), counter, counter, false, quantity, confirm,
            books[sku], new Dictionary<string, int>(books), null);
        var events = RecordCount.Decide(stocktake, command, at ?? Now);
        stocktake = Fold(stocktake, events);
        return events;
    }

    private IReadOnlyList<object> Finish(string zone = "z1", string by = "u-wang")
    {
        var events = FinishZone.Decide(stocktake, new FinishZone(Id, zone, by, by, false, new Dictionary<string, int>(books)), Now);
        stocktake = Fold(stocktake, events);
        return events;
    }

    private void Explain(string sku, string reason)
    {
        stocktake = Fold(stocktake, ExplainVariance.Decide(stocktake, new ExplainVariance(Id, sku, reason, "收银漏扫", "店长", books[sku]), Now));
    }

    private IReadOnlyList<object> Complete() => CompleteStocktake.Decide(stocktake, new CompleteStocktake(Id, "店长", books), Now);

    [Fact]
    public void Two_counters_on_one_zone_are_summed_and_a_recount_replaces_only_the_recounters_line()
    {
        Count("u-wang", "WC-16K", 6);
        Count("u-li", "WC-16K", 4);
        stocktake!.Items["WC-16K"].Counted.ShouldBe(10);

        var recount = Count("u-wang", "WC-16K", 7).OfType<StocktakeCounted>().Single();

        recount.Replaced.ShouldBe(6);
        stocktake!.Items["WC-16K"].Counted.ShouldBe(11);
        stocktake.Items["WC-16K"].Lines["u-li"].Quantity.ShouldBe(4);
    }

    [Fact]
    public void An_offline_phone_resending_the_same_count_ids_counts_each_once()
    {
        Count("u-wang", "WC-16K", 6, countId: "phone-1");
        Count("u-wang", "NB-A5", 5, countId: "phone-2");

        Count("u-wang", "WC-16K", 6, countId: "phone-1").ShouldBeEmpty();
        Count("u-wang", "NB-A5", 5, countId: "phone-2").ShouldBeEmpty();

        stocktake!.Items["WC-16K"].Counted.ShouldBe(6);
        stocktake.Items["NB-A5"].Counted.ShouldBe(5);
    }

    [Fact]
    public void The_first_count_of_a_zone_takes_the_snapshot_of_every_product_it_covers()
    {
        var events = Count("u-wang", "WC-16K", 12);

        var started = events.OfType<StocktakeZoneStarted>().ShouldHaveSingleItem();
        started.Snapshot.ShouldBe([new BookFigure("WC-16K", 12), new BookFigure("NB-A5", 5)], ignoreOrder: true);
        stocktake!.Zone("z1")!.Started.ShouldBeTrue();
        stocktake.Zone("z2")!.Started.ShouldBeFalse();
        Count("u-li", "NB-A5", 5).OfType<StocktakeZoneStarted>().ShouldBeEmpty();
    }

    [Fact]
    public void A_sale_booked_between_the_snapshot_and_the_count_moves_the_expected_figure_and_is_no_variance()
    {
        Count("u-wang", "NB-A5", 5);          // the zone's snapshot: 水彩本 12
        books["WC-16K"] = 10;                  // two sold at the till while counting
        Count("u-li", "WC-16K", 10);
        books["WC-16K"] = 9;                   // one more sold after the count: already in the books completion corrects

        var finished = Finish().OfType<StocktakeZoneFinished>().Single();
        books["PEN-05"] = 0;
        Finish("z2", "u-zhao");

        stocktake!.Items["WC-16K"].Snapshot.ShouldBe(12);
        finished.Variances.ShouldBeEmpty();
        finished.AccuracyUnits.ShouldBe(1m);
        Complete().OfType<StocktakeCompleted>().Single().Adjustments.ShouldBe(0);
    }

    [Fact]
    public void A_variance_over_the_threshold_blocks_completion_until_it_is_explained()
    {
        Count("u-wang", "WC-16K", 9);          // 12 expected: −3 > 2 units
        Count("u-wang", "NB-A5", 4);           // 5 expected: −1 × ¥12 ≤ ¥20
        Finish();
        Finish("z2", "u-zhao");                // 中性笔 nobody counted: 40 expected, 0 found

        var finished = stocktake!.Zone("z1")!;
        finished.Finished.ShouldBeTrue();
        var blocked = Should.Throw<DomainException>(Complete);
        blocked.Code.ShouldBe("variances-unexplained");
        blocked.Message.ShouldContain("WC-16K");
        blocked.Message.ShouldContain("PEN-05");
        blocked.Message.ShouldNotContain("NB-A5");

        Explain("WC-16K", Reasons.UnrecordedSale);
        Explain("PEN-05", Reasons.Loss);
        var completed = Complete().OfType<StocktakeCompleted>().Single();

        completed.Adjustments.ShouldBe(3);
        completed.Figures.ExpectedUnits.ShouldBe(57);
        completed.Figures.VarianceUnits.ShouldBe(44);
        completed.Figures.AccuracyUnits.ShouldBe(Math.Round(1m - 44m / 57m, 4));
        completed.Figures.ExpectedValue.ShouldBe(12 * 8.5m + 5 * 12m + 40 * 2m);
        completed.Figures.VarianceValue.ShouldBe(3 * 8.5m + 12m + 40 * 2m);
    }

    [Fact]
    public void A_miscount_sends_the_product_back_for_a_recount_which_the_finished_zone_takes_and_judges_afresh()
    {
        Count("u-wang", "WC-16K", 2);
        Count("u-wang", "NB-A5", 5);
        Finish();
        Finish("z2", "u-zhao");
        books["PEN-05"] = 0;

        Explain("WC-16K", Reasons.Miscount);
        stocktake!.Items["WC-16K"].RecountRequested.ShouldBeTrue();
        Should.Throw<DomainException>(Complete).Message.ShouldContain("WC-16K");
        Should.Throw<DomainException>(() => Count("u-wang", "NB-A5", 6)).Code.ShouldBe("zone-finished");

        Count("u-wang", "WC-16K", 12);

        stocktake!.Items["WC-16K"].RecountRequested.ShouldBeFalse();
        stocktake.Items["WC-16K"].Counted.ShouldBe(12);
        Complete().OfType<StocktakeCompleted>().Single().Figures.VarianceUnits.ShouldBe(0);
    }

    [Fact]
    public void Accuracy_is_one_minus_the_absolute_variances_over_the_expected_and_never_below_zero()
    {
        StocktakeFigures.Accuracy(3, 20).ShouldBe(0.85m);
        StocktakeFigures.Accuracy(0, 0).ShouldBe(1m);
        StocktakeFigures.Accuracy(4, 0).ShouldBe(0m);
        StocktakeFigures.Accuracy(30, 10).ShouldBe(0m);
    }

    [Fact]
    public void A_second_open_stocktake_of_the_branch_covering_the_same_products_is_refused_naming_the_first()
    {
        var covers = new OpenStocktakeCover(Id, new HashSet<string> { "WC-16K", "NB-A5" });
        var command = new OpenStocktake("ST-20261203-BBBBBB", "main", "cycle", false,
            [new StocktakeZonePlan("z1", "本册", "类别：本册", "本册", [new("u-wang", "小王")])], [Watercolour], "店长");

        var refused = Should.Throw<DomainException>(() => OpenStocktake.Decide(null, [covers], command, Now));

        refused.Code.ShouldBe("stocktake-overlap");
        refused.Status.ShouldBe(409);
        refused.Message.ShouldContain(Id);
        refused.Message.ShouldContain("WC-16K");
        OpenStocktake.Decide(null, [new OpenStocktakeCover(Id, new HashSet<string> { "PEN-05" })], command, Now)
            .ShouldHaveSingleItem().ShouldBeOfType<StocktakeOpened>();
    }

    [Fact]
    public void Bad_counts_are_refused_with_the_rule_and_nothing_recorded()
    {
        Should.Throw<DomainException>(() => Count("u-wang", "PEN-05", 3)).Code.ShouldBe("sku-in-other-zone");
        Should.Throw<ForbiddenException>(() => Count("u-zhao", "WC-16K", 3));
        Should.Throw<DomainException>(() => Count("u-wang", "WC-16K", -1)).Status.ShouldBe(400);
        var absurd = Should.Throw<DomainException>(() => Count("u-wang", "WC-16K", 5000));
        absurd.Status.ShouldBe(422);
        absurd.Message.ShouldContain("confirm: true");
        absurd.Message.ShouldNotContain("12");   // blind: the books are not told
        var outside = new RecordCount(Id, "z1", "ER-01", "c-9", "u-wang", "小王", false, 3, false, 0, books, null);
        Should.Throw<DomainException>(() => RecordCount.Decide(stocktake, outside, Now)).Message.ShouldContain("addToZone: true");
        stocktake!.CountIds.ShouldBeEmpty();

        Count("u-wang", "WC-16K", 1300, confirm: true).OfType<StocktakeCounted>().ShouldHaveSingleItem();
        var added = RecordCount.Decide(stocktake, outside with { AddToZone = new StocktakeItemPlan("ER-01", "橡皮", "4B", "块", "橡皮", 1m, "z9", 2, null) }, Now);
        added.OfType<StocktakeItemAdded>().Single().Item.ZoneId.ShouldBe("z1");
    }

    [Fact]
    public void Completing_books_one_adjustment_with_its_reason_and_a_delivery_not_booked_names_the_open_order()
    {
        var item = new StocktakeItem(Watercolour, 12, ImmutableDictionary<string, CountLine>.Empty, new Explanation(Reasons.DeliveryNotBooked, "周一到货", "店长", Now), false);
        var stock = StockStream.Replay(null, [
            new StockItemOpened("main", "WC-16K", "水彩本", "16K", "本", "本册", 10, Now),
            new StockReceived("main", "WC-16K", 12, 12, "R-1", "clerk", "api", Now),
            new OnOrderChanged("main", "WC-16K", "PO-20261201-0007", 20, 20, OrderStage.Confirmed, Now)]);
        var facts = new ProductFacts("WC-16K", "水彩本", "16K", "本", "本册", 10);

        var adjusted = CompleteStocktake.Adjust(stock, "main", facts, Id, item, 20, new Recorder("店长", $"stocktake:{Id}"), Now)
            .OfType<StockAdjusted>().Single();

        adjusted.Delta.ShouldBe(20);
        adjusted.OnHand.ShouldBe(32);
        adjusted.Reason.ShouldBe(AdjustmentReason.Count);
        adjusted.Note!.ShouldContain("进货未入库");
        adjusted.Note!.ShouldContain("PO-20261201-0007");
        adjusted.Source.ShouldBe($"stocktake:{Id}");
        CompleteStocktake.Adjust(stock, "main", facts, Id, item with { Explanation = item.Explanation! with { Reason = Reasons.Damage } }, -15,
            new Recorder("店长", "x"), Now).OfType<StockAdjusted>().Single().ShouldSatisfyAllConditions(
                a => a.Reason.ShouldBe(AdjustmentReason.Damage), a => a.Delta.ShouldBe(-12), a => a.OnHand.ShouldBe(0));
    }

    [Fact]
    public void A_cycle_count_proposes_the_categories_never_counted_or_due_by_their_frequency()
    {
        var today = new DateOnly(2026, 12, 3);
        var proposed = CycleProposal.Propose(new Dictionary<string, int> { ["本册"] = 40, ["笔类"] = 60, ["颜料"] = 12 },
            new Dictionary<string, DateTimeOffset> { ["本册"] = Now.AddDays(-31), ["笔类"] = Now.AddDays(-3) },
            c => c == "笔类" ? 7 : 30, today);

        proposed.Select(p => p.Category).ShouldBe(["本册", "颜料"]);
        proposed[0].DueSince.ShouldBe(new DateOnly(2026, 12, 2));
        proposed[1].LastCountedAt.ShouldBeNull();
    }

    [Fact]
    public void A_closed_stocktake_takes_nothing_more_and_a_cancel_books_nothing()
    {
        var cancelled = CancelStocktake.Decide(stocktake, new CancelStocktake(Id, "店长"), Now);
        cancelled.ShouldHaveSingleItem().ShouldBeOfType<StocktakeCancelled>();
        stocktake = Fold(stocktake, cancelled);

        Should.Throw<DomainException>(() => Count("u-wang", "WC-16K", 3)).Code.ShouldBe("stocktake-closed");
        Should.Throw<DomainException>(Complete).Code.ShouldBe("stocktake-closed");
        Should.Throw<DomainException>(() => CancelStocktake.Decide(stocktake, new CancelStocktake(Id, "店长"), Now)).Code.ShouldBe("stocktake-closed");
    }
}
