using Stationery.Chat.Alerts.Digesting;
using Stationery.Chat.Channels.Notifying;

namespace Stationery.Chat.Tests;

/// <summary>Whom a message notifies, and how a burst of alerts folds into a digest (pure; the clock is a parameter).</summary>
public sealed class NotificationSpecs
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static NotifiableMessage From(string author, string[]? mentions = null, bool important = false, bool quiet = false) =>
        new(author, mentions ?? [], important, quiet);

    [Theory]
    [InlineData(NotificationLevel.All, "clerk", false, false, "message")]
    [InlineData(NotificationLevel.All, "clerk", true, false, "mention")]
    [InlineData(NotificationLevel.Mentions, "clerk", false, false, null)]
    [InlineData(NotificationLevel.Mentions, "clerk", true, false, "mention")]
    [InlineData(NotificationLevel.Alerts, "clerk", true, false, null)]
    [InlineData(NotificationLevel.Alerts, "bot", false, false, "alert")]
    [InlineData(NotificationLevel.None, "clerk", true, false, null)]
    [InlineData(NotificationLevel.None, "bot", false, false, null)]
    [InlineData(NotificationLevel.None, "bot", false, true, "important")]
    [InlineData(NotificationLevel.Mentions, "clerk", false, true, "important")]
    public void A_members_level_decides_what_notifies_them_and_important_messages_always_do(NotificationLevel level, string author,
        bool mentionsOwner, bool important, string? expected)
    {
        NotificationRules.Reason(level, "owner", From(author, mentionsOwner ? ["owner"] : [], important)).ShouldBe(expected);
    }

    [Fact]
    public void Nobody_is_notified_of_their_own_message_nor_of_an_alert_folded_into_a_digest()
    {
        NotificationRules.Reason(NotificationLevel.All, "owner", From("owner", ["owner"])).ShouldBeNull();
        NotificationRules.Reason(NotificationLevel.All, "owner", From("bot", ["owner"], quiet: true)).ShouldBeNull();
    }

    [Fact]
    public void The_fourth_alert_within_a_minute_opens_a_digest_that_later_alerts_join_while_the_rate_stays_high()
    {
        var digest = Guid.NewGuid();
        var second = Guid.NewGuid();
        AlertBurst? burst = null;
        var placements = new List<AlertPlacement>();
        foreach (var (at, opened) in new[] { (0, digest), (10, digest), (20, digest), (30, digest), (40, digest), (50, digest), (115, second),
                     (116, second), (117, second), (118, second) })
        {
            var (placement, next) = AlertDigest.Decide(burst, "main-stock-watch", T0.AddSeconds(at));
            placements.Add(placement);
            burst = placement is AlertPlacement.StartDigest ? next with { DigestMessageId = opened } : next;
        }

        placements.ShouldBe([
            new AlertPlacement.Alone(), new AlertPlacement.Alone(), new AlertPlacement.Alone(),
            new AlertPlacement.StartDigest(), new AlertPlacement.AddToDigest(digest), new AlertPlacement.AddToDigest(digest),
            // A quiet minute ends the burst; a new burst gets a new digest.
            new AlertPlacement.Alone(), new AlertPlacement.Alone(), new AlertPlacement.Alone(), new AlertPlacement.StartDigest(),
        ]);
    }

    [Theory]
    [InlineData(20.5)]
    [InlineData(50)]
    [InlineData(60)]
    public void A_steady_trickle_of_at_most_three_alerts_a_minute_never_folds(double secondsApart)
    {
        var folded = Enumerable.Range(0, 20).Aggregate((Burst: (AlertBurst?)null, Folded: 0), (acc, i) =>
        {
            var (placement, next) = AlertDigest.Decide(acc.Burst, "east-stock-watch", T0.AddSeconds(i * secondsApart));
            return (next, acc.Folded + (placement is AlertPlacement.Alone ? 0 : 1));
        }).Folded;

        folded.ShouldBe(0);
    }
}
