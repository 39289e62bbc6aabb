using System.Collections.Immutable;
using Stationery.Hosting.EventSourcing;

namespace Stationery.Inventory.Stocktakes;

// 盘点: a stocktake of one branch. One stream per stocktake, `stocktake:{number}`, number like ST-20261203-3F9A1C. Counts,
// snapshots and explanations all live on it; completion books one StockAdjusted per variance on the stock streams.
//
// The expected figure (账面数) of a product: the on-hand its stock stream held when the product's latest count line was
// recorded, i.e. the zone's snapshot plus the net movement (sales, receipts, transfers, adjustments) booked between the
// snapshot and that count. Movement booked after the count is already in the books the completion adjusts, so it is never
// a variance; a product nobody counted is expected at its on-hand when the zone is finished (and again at completion).

/// <summary>What a zone covers and who counts it, as opened.</summary>
/// <param name="Category">The catalogue category it covers (null for an explicit list of products).</param>
public sealed record StocktakeZonePlan(string ZoneId, string Name, string Covers, string? Category,
    IReadOnlyList<StocktakeCounterRef> Counters);

public sealed record StocktakeCounterRef(string UserId, string Name);

/// <summary>A product in the stocktake, with the catalogue facts and the category's variance threshold it was opened with.</summary>
/// <param name="RetailPrice">零售价: variance values are at retail price (not cost data, which some roles may not see).</param>
/// <param name="ThresholdUnits">A variance over this many units needs a recount or an explanation (null: no unit threshold).</param>
/// <param name="ThresholdValue">A variance worth more than this at retail price needs one too (null: no value threshold).</param>
public sealed record StocktakeItemPlan(string Sku, string Name, string Spec, string Unit, string Category, decimal RetailPrice,
    string ZoneId, int? ThresholdUnits, decimal? ThresholdValue);

public sealed record StocktakeOpened(string Id, string Branch, string Kind, bool Blind, IReadOnlyList<StocktakeZonePlan> Zones,
    IReadOnlyList<StocktakeItemPlan> Items, string By, DateTimeOffset At);

/// <summary>The book figure of one product at a moment.</summary>
public sealed record BookFigure(string Sku, int OnHand);

/// <summary>A zone's counting began: the snapshot of every product it covers.</summary>
public sealed record StocktakeZoneStarted(string Id, string Branch, string ZoneId, IReadOnlyList<BookFigure> Snapshot, string By,
    DateTimeOffset At);

/// <summary>A product found while counting was added to a zone (its snapshot taken now if the zone had started).</summary>
public sealed record StocktakeItemAdded(string Id, string Branch, StocktakeItemPlan Item, int? Snapshot, string By, DateTimeOffset At);

/// <summary>
/// One counter's count of one product (their line; a recount replaces it). <paramref name="BookAtCount"/>: the product's on-hand
/// when it was recorded. <paramref name="CountId"/>: the client's id of the count (a resend is ignored).
/// <paramref name="ChatMessageId"/>/<paramref name="ReplyMessageId"/>: set when it was reported in the 盘点 channel.
/// </summary>
public sealed record StocktakeCounted(string Id, string Branch, string ZoneId, string Sku, string CountId, string CounterId,
    string CounterName, int Quantity, int BookAtCount, int? Replaced, DateTimeOffset At, string? ChatMessageId = null,
    string? ReplyMessageId = null, string? ZoneName = null);

/// <summary>A count reported in chat was not taken; the card says why. It does not change the stocktake.</summary>
public sealed record StocktakeCountRefused(string Id, string Branch, string Sku, int Counted, string Explanation, string By,
    string ChatMessageId, string ReplyMessageId, DateTimeOffset At);

/// <summary>A product's figures when its zone was finished.</summary>
public sealed record VarianceLine(string Sku, string Name, string Spec, string Unit, int Expected, int Counted, bool NeedsRecount)
{
    public int Variance => Counted - Expected;
}

public sealed record StocktakeZoneFinished(string Id, string Branch, string ZoneId, string ZoneName, int SkusCounted,
    IReadOnlyList<VarianceLine> Variances, decimal AccuracyUnits, string By, DateTimeOffset At);

/// <summary>A variance's explanation; <c>miscount</c> sends the product back for a recount instead.</summary>
public sealed record StocktakeVarianceExplained(string Id, string Branch, string ZoneId, string Sku, string Reason, string? Note,
    string By, DateTimeOffset At, string? ChatMessageId = null);

/// <summary>An explanation chosen in chat was not taken; the card says why.</summary>
public sealed record StocktakeExplanationRefused(string Id, string Branch, string Sku, string Explanation, string By,
    string ChatMessageId, DateTimeOffset At);

public sealed record StocktakeCompleted(string Id, string Branch, string Kind, StocktakeFigures Figures, int Adjustments, string By,
    DateTimeOffset At);

public sealed record StocktakeCancelled(string Id, string Branch, string By, DateTimeOffset At);

/// <summary>Units and retail value expected and off, and the accuracy they give (see <see cref="Accuracy"/>).</summary>
public sealed record StocktakeFigures(int SkusCounted, int ExpectedUnits, int VarianceUnits, decimal ExpectedValue, decimal VarianceValue)
{
    public decimal AccuracyUnits => Accuracy(VarianceUnits, ExpectedUnits);
    public decimal AccuracyValue => Accuracy(VarianceValue, ExpectedValue);

    /// <summary>
    /// 1 − Σ|variance| ÷ Σ expected, to 4 places; 1 when nothing was expected and nothing found, never below 0 (finding 30 where
    /// 10 were expected is as wrong as it gets, not −200 %).
    /// </summary>
    public static decimal Accuracy(decimal variance, decimal expected) =>
        expected == 0 ? (variance == 0 ? 1m : 0m) : Math.Round(Math.Max(0m, 1m - variance / expected), 4);

    /// <summary>The figures of the given products (the ones nobody counted count as 0 found).</summary>
    public static StocktakeFigures Of(IEnumerable<StocktakeItem> items, IReadOnlyDictionary<string, int>? booksNow)
    {
        int skus = 0, expected = 0, variance = 0;
        decimal expectedValue = 0, varianceValue = 0;
        foreach (var item in items)
        {
            var line = item.Line(booksNow is not null && booksNow.TryGetValue(item.Plan.Sku, out var b) ? b : null);
            if (item.IsCounted) skus++;
            expected += line.Expected;
            variance += Math.Abs(line.Variance);
            expectedValue += line.Expected * item.Plan.RetailPrice;
            varianceValue += Math.Abs(line.Variance) * item.Plan.RetailPrice;
        }
        return new(skus, expected, variance, expectedValue, varianceValue);
    }
}

public enum StocktakeStatus { Open, Completed, Cancelled }

public sealed record CountLine(string CounterName, int Quantity, string CountId, int BookAtCount, DateTimeOffset At);

public sealed record Explanation(string Reason, string? Note, string By, DateTimeOffset At);

/// <summary>A product in the stocktake: its snapshot, each counter's line, its explanation.</summary>
public sealed record StocktakeItem(StocktakeItemPlan Plan, int? Snapshot, ImmutableDictionary<string, CountLine> Lines,
    Explanation? Explanation, bool RecountRequested)
{
    public bool IsCounted => !Lines.IsEmpty;

    /// <summary>Summed over counters (null: nobody counted it).</summary>
    public int? Counted => Lines.IsEmpty ? null : Lines.Values.Sum(l => l.Quantity);

    /// <summary>See the file's head: the books at the latest count line, else the books now (else the snapshot).</summary>
    public int Expected(int? booksNow) =>
        Lines.IsEmpty ? booksNow ?? Snapshot ?? 0 : Lines.Values.MaxBy(l => l.At)!.BookAtCount;

    public VarianceLine Line(int? booksNow)
    {
        var expected = Expected(booksNow);
        var counted = Counted ?? 0;
        return new(Plan.Sku, Plan.Name, Plan.Spec, Plan.Unit, expected, counted, OverThreshold(counted - expected));
    }

    public bool OverThreshold(int variance) =>
        (Plan.ThresholdUnits is { } units && Math.Abs(variance) > units)
        || (Plan.ThresholdValue is { } value && Math.Abs(variance) * Plan.RetailPrice > value);
}

public sealed record StocktakeZoneState(StocktakeZonePlan Plan, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? FinishedBy)
{
    public string Id => Plan.ZoneId;
    public bool Started => StartedAt is not null;
    public bool Finished => FinishedAt is not null;
    public bool IsCounter(string userId) => Plan.Counters.Any(c => c.UserId == userId);
}

/// <summary>A stocktake and where it stands: the state the deciders read.</summary>
public sealed record Stocktake(string Id, string Number, string Branch, string Kind, bool Blind, StocktakeStatus Status,
    ImmutableList<StocktakeZoneState> Zones, ImmutableDictionary<string, StocktakeItem> Items, ImmutableHashSet<string> CountIds,
    string OpenedBy, DateTimeOffset OpenedAt, string? ClosedBy = null, DateTimeOffset? ClosedAt = null, StocktakeFigures? Figures = null,
    int Adjustments = 0)
{
    public static string StreamId(string number) => $"stocktake:{number}";

    /// <summary>Stored with the snapshot so a query finds the open ones in SQL (enums are stored as names there).</summary>
    public bool IsOpen => Status == StocktakeStatus.Open;

    public StocktakeZoneState? Zone(string zoneId) => Zones.FirstOrDefault(z => z.Id == zoneId);

    public IEnumerable<StocktakeItem> ItemsOf(string zoneId) => Items.Values.Where(i => i.Plan.ZoneId == zoneId);

    public static Stocktake Create(StocktakeOpened e) => new(StreamId(e.Id), e.Id, e.Branch, e.Kind, e.Blind, StocktakeStatus.Open,
        [.. e.Zones.Select(z => new StocktakeZoneState(z, null, null, null))],
        e.Items.ToImmutableDictionary(i => i.Sku, i => new StocktakeItem(i, null, ImmutableDictionary<string, CountLine>.Empty, null, false),
            StringComparer.Ordinal),
        ImmutableHashSet<string>.Empty, e.By, e.At);

    public Stocktake Apply(StocktakeZoneStarted e) => this with
    {
        Zones = Zones.Replace(Zone(e.ZoneId)!, Zone(e.ZoneId)! with { StartedAt = e.At }),
        Items = Items.SetItems(e.Snapshot.Where(f => Items.ContainsKey(f.Sku))
            .Select(f => KeyValuePair.Create(f.Sku, Items[f.Sku] with { Snapshot = f.OnHand }))),
    };

    public Stocktake Apply(StocktakeItemAdded e) => this with
    {
        Items = Items.SetItem(e.Item.Sku, new StocktakeItem(e.Item, e.Snapshot, ImmutableDictionary<string, CountLine>.Empty, null, false)),
    };

    public Stocktake Apply(StocktakeCounted e)
    {
        var item = Items[e.Sku];
        return this with
        {
            CountIds = CountIds.Add(e.CountId),
            Items = Items.SetItem(e.Sku, item with
            {
                Lines = item.Lines.SetItem(e.CounterId, new CountLine(e.CounterName, e.Quantity, e.CountId, e.BookAtCount, e.At)),
                // A recount after 数错 answers it; the figures are judged afresh.
                RecountRequested = false,
                Explanation = item.RecountRequested ? null : item.Explanation,
            }),
        };
    }

    public Stocktake Apply(StocktakeZoneFinished e) =>
        this with { Zones = Zones.Replace(Zone(e.ZoneId)!, Zone(e.ZoneId)! with { FinishedAt = e.At, FinishedBy = e.By }) };

    public Stocktake Apply(StocktakeVarianceExplained e) => this with
    {
        Items = Items.SetItem(e.Sku, e.Reason == Contracts.Inventory.StocktakeReasons.Miscount
            ? Items[e.Sku] with { RecountRequested = true, Explanation = null }
            : Items[e.Sku] with { RecountRequested = false, Explanation = new Explanation(e.Reason, e.Note, e.By, e.At) }),
    };

    public Stocktake Apply(StocktakeCompleted e) =>
        this with { Status = StocktakeStatus.Completed, ClosedBy = e.By, ClosedAt = e.At, Figures = e.Figures, Adjustments = e.Adjustments };

    public Stocktake Apply(StocktakeCancelled e) => this with { Status = StocktakeStatus.Cancelled, ClosedBy = e.By, ClosedAt = e.At };
}

/// <summary>The stocktake's state at a version, stored with every change (a stocktake takes thousands of counts).</summary>
public sealed record StocktakeSnapshot(string Id, long Version, Stocktake State) : IStreamSnapshot<StocktakeSnapshot, Stocktake>
{
    public static StocktakeSnapshot Of(string streamId, long version, Stocktake state) => new(streamId, version, state);
}
