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
/// Bursts of alerts fold into one digest card: up to <see cref="Threshold"/> alerts within <see cref="Window"/> are posted
/// one by one; the next one within the window opens a digest card (important, @mentioning as an alert would) and the
/// burst's later alerts join it while they keep coming less than a window apart. Each folded alert is still posted, quietly,
/// in the digest's thread, so its buttons stay at hand. Pure: time comes in as <c>now</c>.
/// </summary>
public static class AlertDigest
{
    public const int Threshold = 3;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    public static (AlertPlacement Placement, AlertBurst Next) Decide(AlertBurst? burst, string channelId, DateTimeOffset now)
    {
        var recent = (burst?.Recent ?? []).Where(t => now - t < Window).Append(now).ToArray();
        var ongoing = burst is { DigestMessageId: { } digest, LastAt: { } last } && now - last < Window ? digest : (Guid?)null;
        AlertPlacement placement = ongoing is { } id
            ? new AlertPlacement.AddToDigest(id)
            : recent.Length > Threshold ? new AlertPlacement.StartDigest() : new AlertPlacement.Alone();
        var next = new AlertBurst(AlertBurst.IdFor(channelId), [.. recent.TakeLast(Threshold + 1)],
            placement is AlertPlacement.Alone ? null : ongoing, now);
        return (placement, next);
    }
}
