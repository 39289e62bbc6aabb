using System.Collections.Immutable;
using Stationery.Chat.Alerts.Digesting;
using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Alerts.Watching;

/// <summary>
/// The stock-watch bot's memory of one branch's 库存监控 channel: per product, the last alert change it took (its version, the
/// level, the alert message), and the burst of recent alerts (<see cref="AlertDigest"/>). One document per branch, stored with
/// the messages it led to.
/// </summary>
public sealed record StockWatch(string Id, string Branch, ImmutableDictionary<string, WatchedProduct> Products, AlertBurst? Burst)
{
    public static string IdFor(string branch) => $"stock-watch:{branch}";

    public static StockWatch Empty(string branch) => new(IdFor(branch), branch, ImmutableDictionary<string, WatchedProduct>.Empty, null);
}

/// <summary>What the bot last took for a product: Inventory's <paramref name="Version"/>, the level then, and the alert message (null: none posted).</summary>
public sealed record WatchedProduct(long Version, string Level, Guid? AlertMessageId);

/// <summary>The ids the messages of one decision take (chosen by the caller, so the decider stays pure).</summary>
public sealed record NewMessageIds(Guid Alert, Guid Digest)
{
    public static NewMessageIds Fresh(DateTimeOffset now) => new(Guid.CreateVersion7(now), Guid.CreateVersion7(now));
}

/// <summary>What the bot does about one alert change.</summary>
public abstract record StockWatchDecision
{
    /// <summary>An alert on its own (important, @mentioning the branch's leaders), or the first one of a burst's digest card.</summary>
    public sealed record PostAlert(Guid MessageId, StockAlertChanged Change) : StockWatchDecision;

    /// <summary>A burst begins: a digest card (<paramref name="DigestMessageId"/>) and the alert quietly in its thread.</summary>
    public sealed record StartDigest(Guid DigestMessageId, Guid MessageId, StockAlertChanged Change) : StockWatchDecision;

    /// <summary>A burst goes on: the alert joins the digest card and is posted quietly in its thread.</summary>
    public sealed record FoldIntoDigest(Guid DigestMessageId, Guid MessageId, StockAlertChanged Change) : StockWatchDecision;

    /// <summary>
    /// The alert closed: a short note in its thread (<paramref name="ReplyTo"/>; null when the bot never saw it open), saying why —
    /// 已补货 only when stock on hand is back, 已下单补货 when it is only on order.
    /// </summary>
    public sealed record PostResolvedNote(Guid MessageId, Guid? ReplyTo, StockAlertChanged Change) : StockWatchDecision;

    /// <summary>Nothing to post: <paramref name="Why"/> (stale, already known, no longer news, nothing open).</summary>
    public sealed record Ignore(string Why) : StockWatchDecision;
}

/// <summary>
/// 库存监控 as a pure decider: Inventory's one alert fact per change (<see cref="StockAlertChanged"/>), the bot's own memory of
/// the branch and the time in; what to post and the next memory out. Because the producer publishes one fact per change with
/// a version, nothing here re-joins racing messages: an older change after a newer one is dropped, a duplicate is dropped,
/// and an alert is resolved (with one note) at most once per time it opened.
/// </summary>
public static class StockWatchBot
{
    /// <summary>A sell-out older than this is no longer news (a backlog, or a history replayed by a seed): noted, not posted.</summary>
    public static readonly TimeSpan NewsFor = TimeSpan.FromDays(1);

    public static (IReadOnlyList<StockWatchDecision> Decisions, StockWatch Next) Decide(StockWatch state, StockAlertChanged change,
        DateTimeOffset now, NewMessageIds ids)
    {
        var known = state.Products.GetValueOrDefault(change.Sku);
        if (known is not null && change.Version <= known.Version)
            return ([new StockWatchDecision.Ignore("stale: an equal or newer change of this product was already taken")], state);

        var wasOpen = known is null ? change.Previous != StockAlertState.Resolved : known.Level != StockAlertState.Resolved;
        StockWatch Remember(Guid? alertMessageId) => state with
        {
            Products = state.Products.SetItem(change.Sku, new WatchedProduct(change.Version, change.State, alertMessageId)),
        };

        if (change.State == StockAlertState.Resolved)
            return wasOpen
                ? ([new StockWatchDecision.PostResolvedNote(ids.Alert, known?.AlertMessageId, change)], Remember(null))
                : ([new StockWatchDecision.Ignore("nothing open to resolve")], Remember(null));

        // Low after out (a part of the stock came back, still low) moves the open alert without news; so does a change of a
        // level already taken. A sell-out is news even when the product was already low.
        var news = !wasOpen || change.State == StockAlertState.Out && known?.Level != StockAlertState.Out;
        if (!news) return ([new StockWatchDecision.Ignore("the open alert already says it")], Remember(known?.AlertMessageId));
        if (change.State == StockAlertState.Out && now - change.OccurredAt > NewsFor)
            return ([new StockWatchDecision.Ignore("no longer news")], Remember(known?.AlertMessageId));

        var channelId = Channels.BranchChannels.Id(change.BranchId, Channels.BranchTopic.StockWatch);
        var (placement, burst) = AlertDigest.Decide(state.Burst, channelId, now);
        StockWatchDecision decision;
        switch (placement)
        {
            case AlertPlacement.StartDigest:
                decision = new StockWatchDecision.StartDigest(ids.Digest, ids.Alert, change);
                burst = burst with { DigestMessageId = ids.Digest };
                break;
            case AlertPlacement.AddToDigest(var digestId):
                decision = new StockWatchDecision.FoldIntoDigest(digestId, ids.Alert, change);
                break;
            default:
                decision = new StockWatchDecision.PostAlert(ids.Alert, change);
                break;
        }
        return ([decision], Remember(ids.Alert) with { Burst = burst });
    }
}
