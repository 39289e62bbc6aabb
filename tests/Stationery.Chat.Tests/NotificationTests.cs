using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Chat.Channels.Notifying;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Notification levels per member and channel, important messages reaching everyone, and alert bursts folded into a digest.</summary>
public sealed class NotificationTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static async Task<MessageDto> SayAsync(HttpClient client, string channel, string text)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private static Task<HttpResponseMessage> SetLevelAsync(HttpClient client, string channel, string? level) =>
        client.PutAsJsonAsync($"api/chat/channels/{channel}/notifications", new { level });

    /// <summary>Waits until the live client has the message, then until a later message that must notify has notified.</summary>
    private static async Task FenceAsync(LiveClient live, MessageDto quiet, Func<Task<MessageDto>> notifying)
    {
        await Probe.Until(() => Task.FromResult(live.Received.Any(m => m.Id == quiet.Id)), what: "the message pushed live");
        var fence = await notifying();
        await Probe.Until(() => Task.FromResult(live.Notifications.Any(n => n.MessageId == fence.Id)), what: "the fence's notification");
    }

    [Fact]
    public async Task A_member_on_mentions_is_notified_only_when_mentioned_on_none_not_at_all_and_important_alerts_reach_them_anyway()
    {
        using var owner = fixture.ClientFor("owner");
        using var clerk = fixture.ClientFor("clerk");
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var said = $"n{Guid.NewGuid():N}"[..8];

        var plain = await SayAsync(clerk, "main-group", $"{said} 早上好");
        await Probe.Until(() => Task.FromResult(ownerLive.Notifications.FirstOrDefault(n => n.MessageId == plain.Id)), n => n is not null,
            what: "a notification at the default level, all");
        ownerLive.Notifications.Single(n => n.MessageId == plain.Id).ShouldBe(
            new Stationery.Chat.Live.Notification("main-group", "门店群", plain.Seq, plain.Id, "小李", $"{said} 早上好", false, "message"));

        var set = await SetLevelAsync(owner, "main-group", "mentions");
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await set.Content.ReadFromJsonAsync<NotificationLevelState>(ChatFixture.Json))!.Level.ShouldBe(NotificationLevel.Mentions);
        (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == "main-group").Notifications.ShouldBe(NotificationLevel.Mentions);

        var unmentioned = await SayAsync(clerk, "main-group", $"{said} 到货了");
        await FenceAsync(ownerLive, unmentioned, () => SayAsync(clerk, "main-group", $"{said} @张店长 请看一下"));
        ownerLive.Notifications.ShouldNotContain(n => n.MessageId == unmentioned.Id);
        ownerLive.Notifications.Last().Reason.ShouldBe("mention");

        (await SetLevelAsync(owner, "main-stock-watch", "none")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SetLevelAsync(owner, "main-group", "none")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mentionedButMuted = await SayAsync(clerk, "main-group", $"{said} @张店长 再看一下");
        var sku = $"N-{Guid.NewGuid():N}"[..10];
        await FenceAsync(ownerLive, mentionedButMuted, async () =>
        {
            await fixture.Publish(AlertChanges.Low("main", sku, "晨光荧光笔", "绿色", "支", 1, 5, 20, DateTimeOffset.UtcNow));
            return (await Probe.Until(async () => (await ChatFixture.MessagesAsync(owner, "main-stock-watch")).LastOrDefault(m => m.Card?.Title.Contains("绿色") == true),
                m => m is not null, what: "the alert"))!;
        });
        ownerLive.Notifications.ShouldNotContain(n => n.MessageId == mentionedButMuted.Id);
        ownerLive.Notifications.Last().ShouldBe(ownerLive.Notifications.Last() with { ChannelId = "main-stock-watch", Important = true, Reason = "important" });
    }

    [Fact]
    public async Task Setting_an_unknown_level_is_400_and_a_channel_one_is_not_in_is_404()
    {
        using var clerk = fixture.ClientFor("clerk");
        var bad = await SetLevelAsync(clerk, "main-group", "loud");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("level").ToString().ShouldContain("all, mentions, alerts, none");
        (await SetLevelAsync(clerk, "main-group", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SetLevelAsync(clerk, "east-group", "none")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_burst_of_six_alerts_posts_three_then_folds_the_rest_into_one_digest_card_that_notifies_once()
    {
        using var owner = fixture.ClientFor("owner");
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var products = new[] { "红", "橙", "黄", "绿", "蓝", "紫" };
        foreach (var colour in products)
            await fixture.Publish(AlertChanges.Low("east", $"D-{colour}-{Guid.NewGuid():N}"[..12], "晨光荧光笔", colour, "支", 2, 5, 20,
                DateTimeOffset.UtcNow));

        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, "east-stock-watch"),
            h => h.Count(m => m.Card?.Kind == "low-stock") == 6 && h.Any(m => m.Card?.Kind == "alert-digest" && m.Card.Fields.Count == 3),
            what: "six alerts, three of them folded into a digest");
        var digest = history.Single(m => m.Card?.Kind == "alert-digest");
        (digest.Important, digest.Card!.Title).ShouldBe((true, "库存提醒汇总 · 3 条"));
        digest.Mentions.ShouldBe(["owner"]);
        digest.Text.ShouldStartWith("📋 库存提醒较多");
        var alone = history.Where(m => m.Card?.Kind == "low-stock" && m.ReplyTo is null).ToList();
        var folded = history.Where(m => m.Card?.Kind == "low-stock" && m.ReplyTo == digest.Id).ToList();
        (alone.Count, folded.Count).ShouldBe((3, 3));
        alone.ShouldAllBe(m => m.Important && m.Mentions.Contains("owner"));
        folded.ShouldAllBe(m => !m.Important && m.Mentions.Contains("owner") && m.Card!.Actions.Count == 1);
        digest.Card.Fields.Select(f => f.Label).Order().ShouldBe(folded.Select(m => m.Card!.Title.Replace("低库存 · ", "")).Order());

        // Four notifications (three alerts and the digest), not six.
        using var clerkEast = fixture.ClientFor("clerk-east");
        var fence = await SayAsync(clerkEast, "east-stock-watch", "收到,马上补货");
        await Probe.Until(() => Task.FromResult(ownerLive.Notifications.Any(n => n.MessageId == fence.Id)), what: "the fence's notification");
        var burst = alone.Concat(folded).Append(digest).Select(m => m.Id).ToHashSet();
        ownerLive.Notifications.Where(n => burst.Contains(n.MessageId)).Select(n => n.MessageId).Order()
            .ShouldBe(alone.Select(m => m.Id).Append(digest.Id).Order());
    }
}
