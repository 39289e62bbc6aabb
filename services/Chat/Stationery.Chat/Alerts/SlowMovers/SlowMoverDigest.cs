namespace Stationery.Chat.Alerts.SlowMovers;

/// <summary>The record that a branch's weekly slow-mover digest went out; inserted with the digest, so only one replica posts it.</summary>
public sealed record SlowMoverDigestPosted(string Id, string Branch, DateOnly Week, int Items, DateTimeOffset At)
{
    public static string IdFor(string branch, DateOnly week) => $"{branch}|{week:yyyy-MM-dd}";
}

/// <summary>
/// 滞销周报: when a branch's weekly digest is due. The week starts on Monday at <see cref="Hour"/> o'clock China time
/// (UTC+8, no daylight saving); the digest of a week goes out at the first pass after that, once, with every slow mover
/// found since the last one. Chat's directory does not keep branch time zones, so every branch uses China time.
/// </summary>
public static class SlowMoverDigest
{
    public const int Hour = 9;
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The Monday that starts the digest week <paramref name="now"/> falls in.</summary>
    public static DateOnly WeekOf(DateTimeOffset now)
    {
        var local = now.ToOffset(ChinaOffset).AddHours(-Hour);
        var day = DateOnly.FromDateTime(local.DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
