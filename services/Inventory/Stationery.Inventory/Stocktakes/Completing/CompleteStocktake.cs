using Marten;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Errors;
using StocktakeReasons = Stationery.Contracts.Inventory.StocktakeReasons;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stocktakes.Opening;

namespace Stationery.Inventory.Stocktakes;

public static class CompleteRules
{
    /// <summary>
    /// The products that block completion: a variance over its category's threshold with no explanation, or a 数错 waiting for
    /// its recount.
    /// </summary>
    public static IReadOnlyList<string> Unexplained(Stocktake s, IReadOnlyDictionary<string, int>? booksNow) =>
        [.. s.Items.Values.Where(i => i.RecountRequested
                || (i.Explanation is null && i.Line(booksNow is not null && booksNow.TryGetValue(i.Plan.Sku, out var b) ? b : null).NeedsRecount))
            .Select(i => i.Plan.Sku).Order(StringComparer.Ordinal)];
}

/// <summary>
/// 完成盘点: every zone finished and every variance over its threshold explained; one adjustment per variance is booked on the
/// product's stock with its reason, and the stocktake is locked with its accuracy.
/// </summary>
public sealed record CompleteStocktake(string Id, string By, IReadOnlyDictionary<string, int> BooksNow)
{
    public static IReadOnlyList<object> Decide(Stocktake? s, CompleteStocktake c, DateTimeOffset now)
    {
        if (s is null) throw new NotFoundException("盘点单 stocktake", c.Id);
        if (s.Status != StocktakeStatus.Open)
            throw new DomainException("stocktake-closed", $"盘点 {s.Number} 已结束 (stocktake '{s.Number}' is {StocktakeView.Wire(s.Status)}).");
        var open = s.Zones.Where(z => !z.Finished).ToList();
        if (open.Count > 0)
            throw new DomainException("zones-not-finished",
                $"还有区域未清点完毕：{string.Join("、", open.Select(z => z.Plan.Name))} (zones not finished yet: {string.Join(", ", open.Select(z => z.Id))}).");
        var blocking = CompleteRules.Unexplained(s, c.BooksNow);
        if (blocking.Count > 0)
            throw new DomainException("variances-unexplained",
                $"以下商品的差异超过阈值，需复盘或说明原因后才能完成：{string.Join("、", blocking.Take(20).Select(k => s.Items[k].Plan.Name + "(" + k + ")"))} " +
                $"(variances over the threshold need a recount or an explanation first: {string.Join(", ", blocking.Take(20))}" +
                $"{(blocking.Count > 20 ? $" and {blocking.Count - 20} more" : "")}).");
        var figures = StocktakeFigures.Of(s.Items.Values, c.BooksNow);
        var adjustments = Variances(s, c.BooksNow).Count;
        return [new StocktakeCompleted(s.Number, s.Branch, s.Kind, figures, adjustments, c.By, now)];
    }

    /// <summary>The products whose count differs from their expected figure, with the variance to book.</summary>
    public static IReadOnlyList<(StocktakeItem Item, int Variance)> Variances(Stocktake s, IReadOnlyDictionary<string, int> booksNow) =>
        [.. s.Items.Values.OrderBy(i => i.Plan.Sku, StringComparer.Ordinal)
            .Select(i => (Item: i, i.Line(booksNow.TryGetValue(i.Plan.Sku, out var b) ? b : null).Variance)).Where(x => x.Variance != 0)];

    /// <summary>
    /// The adjustment of one variance on the product's stock: damage and loss as themselves, everything else as a count correction
    /// whose note names the stocktake and the reason. 进货未入库 stays a count correction too (Purchasing books receipts against
    /// its orders): its note names the purchase orders still open for the product, for someone to receive. Stock never goes
    /// below zero: if the books fell since the count, the correction stops at zero.
    /// </summary>
    public static IReadOnlyList<object> Adjust(StockItem? state, string branch, ProductFacts product, string stocktake, StocktakeItem item,
        int variance, Recorder recorder, DateTimeOffset now) =>
        StockStream.Change(state, branch, product, now, st =>
        {
            var delta = Math.Max(variance, -st.OnHand);
            if (delta == 0) return [];
            var reason = item.Explanation?.Reason;
            var kind = reason switch
            {
                StocktakeReasons.Damage => AdjustmentReason.Damage,
                StocktakeReasons.Loss => AdjustmentReason.Loss,
                _ => AdjustmentReason.Count,
            };
            var note = $"盘点 {stocktake}：{ReasonName(reason)}";
            if (reason == StocktakeReasons.DeliveryNotBooked)
            {
                var orders = st.Orders.Where(o => o.Value.Outstanding > 0).Select(o => $"{o.Key}（未收 {o.Value.Outstanding}）").ToList();
                note += orders.Count > 0 ? $"；未入库的采购单 {string.Join("、", orders)} receipt-not-booked" : "；无未收采购单 receipt-not-booked";
            }
            if (item.Explanation?.Note is { } said) note += $" — {said}";
            return [new StockAdjusted(branch, st.Sku, delta, kind, note.Length > 500 ? note[..500] : note, st.OnHand + delta, recorder.By,
                recorder.Source, now)];
        });

    public static string ReasonName(string? reason) => reason switch
    {
        StocktakeReasons.UnrecordedSale => "销售漏记 unrecorded-sale",
        StocktakeReasons.DeliveryNotBooked => "进货未入库 delivery-not-booked",
        StocktakeReasons.Damage => "损坏 damage",
        StocktakeReasons.Loss => "丢失/被盗 loss",
        StocktakeReasons.Other => "其他 other",
        _ => "盘点差异 variance within threshold",
    };
}

/// <summary>取消盘点: nothing is booked.</summary>
public sealed record CancelStocktake(string Id, string By)
{
    public static IReadOnlyList<object> Decide(Stocktake? s, CancelStocktake c, DateTimeOffset now)
    {
        if (s is null) throw new NotFoundException("盘点单 stocktake", c.Id);
        if (s.Status != StocktakeStatus.Open)
            throw new DomainException("stocktake-closed", $"盘点 {s.Number} 已结束 (stocktake '{s.Number}' is {StocktakeView.Wire(s.Status)}).");
        return [new StocktakeCancelled(s.Number, s.Branch, c.By, now)];
    }
}

public static class CompleteStocktakeEndpoints
{
    public static void MapCompleteStocktake(this RouteGroupBuilder branches)
    {
        branches.MapPost("/{branch}/stocktakes/{id}/complete", async (string branch, string id, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var s = await session.StocktakeAsync(branch, id, ct);
            var books = await session.BooksNowAsync(branch, s.Items.Keys, ct);
            var command = new CompleteStocktake(id, http.User.DisplayName(), books);
            var now = clock.GetUtcNow();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), st => CompleteStocktake.Decide(st, command, now), ct);
            var recorder = StockStream.RecorderFor(http.User, $"stocktake:{id}");
            foreach (var (item, variance) in CompleteStocktake.Variances(s, books))
            {
                var product = new ProductFacts(item.Plan.Sku, item.Plan.Name, item.Plan.Spec, item.Plan.Unit, item.Plan.Category, 1);
                await session.DecideStock(branch, item.Plan.Sku,
                    st => CompleteStocktake.Adjust(st, branch, st?.Product ?? product, id, item, variance, recorder, now), ct);
            }
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(StocktakeView.From(await session.StocktakeAsync(branch, id, ct), http.User, null));
        }).RequirePermission(OpenStocktake.Permission).WithName("CompleteStocktake")
            .WithSummary("完成盘点: book one adjustment per variance with its reason and lock the stocktake (409 naming unfinished zones or unexplained variances)");

        branches.MapPost("/{branch}/stocktakes/{id}/cancel", async (string branch, string id, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            await session.StocktakeAsync(branch, id, ct);
            var command = new CancelStocktake(id, http.User.DisplayName());
            var now = clock.GetUtcNow();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), st => CancelStocktake.Decide(st, command, now), ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(StocktakeView.From(await session.StocktakeAsync(branch, id, ct), http.User, null));
        }).RequirePermission(OpenStocktake.Permission).WithName("CancelStocktake")
            .WithSummary("取消盘点: cancel an open stocktake; nothing is booked");
    }
}
