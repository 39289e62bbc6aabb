namespace Stationery.Chat.Alerts.Digesting;

/// <summary>
/// The recent alerts of one channel: when they came, and the digest card a burst is being folded into. One document per
/// channel, written with the alert it counts (the channel's stream version serialises concurrent alerts).
/// </summary>
public sealed record AlertBurst(string Id, DateTimeOffset[] Recent, Guid? DigestMessageId, DateTimeOffset? LastAt)
{
    public static string IdFor(string channelId) => $"burst:{channelId}";
}

/// <summary>Where an alert goes: on its own, into a new digest card, or into the digest card of the burst still going on.</summary>
public abstract record AlertPlacement
{
    public sealed record Alone : AlertPlacement;

    public sealed record StartDigest : AlertPlacement;

    public sealed record AddToDigest(Guid DigestMessageId) : AlertPlacement;
}

/// <summary>
/// Bursts of alerts fold into one digest card: while at most <see cref="Threshold"/> alerts fall within the last
/// <see cref="Window"/>, each is posted on its own; the alert that makes it more opens a digest card (important,
/// @mentioning as an alert would), and later alerts join that card for as long as the rate stays above the threshold. When
/// it drops, the burst is over: the next alerts stand alone again (a slow trickle never folds). Each folded alert is still
/// posted, quietly, in the digest's thread, so its buttons stay at hand. Pure: time comes in as <c>now</c>.
/// </summary>
public static class AlertDigest
{
    public const int Threshold = 3;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    public static (AlertPlacement Placement, AlertBurst Next) Decide(AlertBurst? burst, string channelId, DateTimeOffset now)
    {
        var recent = (burst?.Recent ?? []).Where(t => now - t < Window).Append(now).ToArray();
        var bursting = recent.Length > Threshold;
        var ongoing = bursting ? burst?.DigestMessageId : null;
        AlertPlacement placement = !bursting
            ? new AlertPlacement.Alone()
            : ongoing is { } id ? new AlertPlacement.AddToDigest(id) : new AlertPlacement.StartDigest();
        var next = new AlertBurst(AlertBurst.IdFor(channelId), [.. recent.TakeLast(Threshold + 1)],
            placement is AlertPlacement.Alone ? null : ongoing, now);
        return (placement, next);
    }
}
