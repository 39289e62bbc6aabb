using System.Security.Claims;
using Marten;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Inventory.Alerts;

namespace Stationery.Inventory.Stock;

/// <summary>The steps every stock decider shares: open the stream on first touch, change it, then apply the alert rule.</summary>
public static class StockStream
{
    /// <summary>
    /// Runs <paramref name="change"/> on the stream's state (opening the stream first if this branch never held the
    /// product), notes when the last unit went (缺货), then lets the low-stock rule and the alert rule look at the result. Pure: same inputs,
    /// same events.
    /// </summary>
    public static IReadOnlyList<object> Change(StockItem? state, string branch, ProductFacts product, DateTimeOffset now,
        Func<StockItem, IEnumerable<object>> change)
    {
        var events = new List<object>();
        if (state is null)
        {
            var opened = new StockItemOpened(branch, product.Sku, product.Name, product.Spec, product.Unit, product.Category,
                product.PackSize, now);
            events.Add(opened);
            state = StockItem.Create(opened);
        }
        var changes = change(state).ToList();
        if (changes.Count == 0 && events.Count == 0) return [];
        events.AddRange(changes);
        var before = state;
        state = changes.Aggregate(state, Evolve);
        if (before.OnHand > 0 && state.OnHand == 0)
            events.Add(new WentOutOfStock(state.Branch, state.Sku, state.Product.Name, state.Product.Spec, state.Product.Unit,
                state.OnOrder, state.InTransit, now));
        events.AddRange(LowStockRule.Evaluate(state, now));
        events.AddRange(StockAlertRule.Evaluate(before, state, now));
        return events;
    }

    /// <summary>The state after <paramref name="events"/> (which may open the stream).</summary>
    public static StockItem? Replay(StockItem? state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => e is StockItemOpened o ? StockItem.Create(o) : s is null ? null : Evolve(s, e));

    /// <summary>Decides one line on its stream (the caller commits every line in one transaction) and reports the balance it leaves.</summary>
    public static async Task<MovementLineResult> DecideStock(this IDocumentSession session, string branch, string sku,
        Func<StockItem?, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        StockItem? after = null;
        await session.Decide<StockItem, StockSnapshot>(StockItem.StreamId(branch, sku), state =>
        {
            var events = decide(state);
            after = Replay(state, events);
            return events;
        }, ct);
        return new MovementLineResult(sku, after?.OnHand ?? 0, after?.AlertOpen ?? false);
    }

    public static StockItem Evolve(StockItem state, object e) => e switch
    {
        StockReceived x => state.Apply(x),
        ItemsSold x => state.Apply(x),
        StockAdjusted x => state.Apply(x),
        StockReturned x => state.Apply(x),
        ReorderPolicySet x => state.Apply(x),
        ReorderPolicyComputed x => state.Apply(x),
        StockProductChanged x => state.Apply(x),
        StockDiscontinued x => state.Apply(x),
        OnOrderChanged x => state.Apply(x),
        StockTransferredOut x => state.Apply(x),
        TransferInbound x => state.Apply(x),
        StockTransferredIn x => state.Apply(x),
        SlowMoverDetected x => state.Apply(x),
        LowStockDetected x => state.Apply(x),
        LowStockResolved x => state.Apply(x),
        _ => state,
    };

    /// <summary>The username (or subject) that goes into the ledger as "who", with the source of the change.</summary>
    public static Recorder RecorderFor(ClaimsPrincipal user, string source = "api") =>
        new(user.FindFirst(PlatformClaims.Username)?.Value ?? user.UserId(), source);
}

/// <summary>What a movement request answers: the reference and, per line, the balance left and whether it is low.</summary>
public sealed record MovementResult(string Reference, IReadOnlyList<MovementLineResult> Lines);

public sealed record MovementLineResult(string Sku, int OnHand, bool LowStock);

/// <summary>Selling or removing more than is on hand. Stock never goes negative (no backorders): 409.</summary>
public sealed class InsufficientStockException(string detail) : DomainException("insufficient-stock", detail)
{
    public static InsufficientStockException For(StockItem s, int requested) => new(
        $"库存不足:{s.Product.Name} {s.Product.Spec} 现有 {s.OnHand} {s.Product.Unit},需要 {requested} {s.Product.Unit} " +
        $"(sku '{s.Sku}' at branch '{s.Branch}': {s.OnHand} on hand, {requested} requested).");
}
