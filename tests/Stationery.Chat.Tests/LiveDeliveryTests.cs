using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.AspNetCore.SignalR.Client;
using Stationery.Chat.Messages;
using Stationery.Contracts.Identity;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Several devices, reconnects and membership changes over the SignalR hub.</summary>
public sealed class LiveDeliveryTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string MainGroup = "main-group";

    private static async Task<MessageDto> PostAsync(HttpClient client, string channel, string text)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private static Task<T> Arrives<T>(Func<T?> read, string what) where T : class =>
        Probe.Until(() => Task.FromResult(read()), x => x is not null, what: what)!;

    [Fact]
    public async Task Two_devices_of_one_user_and_another_user_all_receive_a_message_and_reading_on_one_device_updates_the_other()
    {
        await using var ownerPhone = await fixture.ConnectAsync("owner");
        await using var ownerPc = await fixture.ConnectAsync("owner");
        await using var clerkPhone = await fixture.ConnectAsync("clerk");
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");

        var posted = await PostAsync(clerk, MainGroup, "店长,荧光笔到了");

        foreach (var device in new[] { ownerPhone, ownerPc, clerkPhone })
            await Arrives(() => device.Received.FirstOrDefault(m => m.Id == posted.Id), "the message on every device");

        (await owner.PostAsJsonAsync($"api/chat/channels/{MainGroup}/read", new { seq = posted.Seq })).EnsureSuccessStatusCode();

        var update = await Arrives(() => ownerPc.ReadUpdates.FirstOrDefault(r => r.ChannelId == MainGroup && r.Seq == posted.Seq),
            "the read mark on the owner's other device");
        update.UserId.ShouldBe("owner");
        var clerkOwnRead = await Arrives(() => clerkPhone.ReadUpdates.FirstOrDefault(r => r.Seq == posted.Seq), "the clerk's own post marked read");
        clerkOwnRead.UserId.ShouldBe("clerk");
        clerkPhone.ReadUpdates.ShouldNotContain(r => r.UserId == "owner", "nobody else hears what the owner has read");
        (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == MainGroup).LastReadSeq.ShouldBeGreaterThanOrEqualTo(posted.Seq);
    }

    [Fact]
    public async Task A_connection_is_closed_when_its_token_expires_while_one_with_a_longer_token_stays_open()
    {
        var shortToken = TestTokens.Issue(ChatFixture.Tenant, "clerk", ["clerk"], ["main"], "小李", lifetime: TimeSpan.FromSeconds(4));
        await using var expiring = await LiveClient.ConnectAsync(fixture.BaseAddress, shortToken);
        await using var lasting = await fixture.ConnectAsync("clerk");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        expiring.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };

        await Probe.Until(() => Task.FromResult(closed.Task.IsCompleted), TimeSpan.FromSeconds(60), "the hub closing the connection whose token expired");
        expiring.Connection.State.ShouldBe(HubConnectionState.Disconnected);
        lasting.Connection.State.ShouldBe(HubConnectionState.Connected, "a connection with an unexpired token stays open");
    }

    [Fact]
    public async Task A_device_offline_while_50_messages_were_posted_catches_up_with_no_gap_and_no_duplicate()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        await using var ownerPc = await fixture.ConnectAsync("owner");
        var before = await PostAsync(clerk, MainGroup, "下线前最后一条");
        await Arrives(() => ownerPc.Received.FirstOrDefault(m => m.Id == before.Id), "the last message before going offline");
        var lastSeen = ownerPc.Received.Where(m => m.ChannelId == MainGroup).Max(m => m.Seq);

        await ownerPc.Connection.StopAsync();
        var whileOffline = new List<MessageDto>();
        for (var i = 0; i < 50; i++) whileOffline.Add(await PostAsync(clerk, MainGroup, $"离线期间 {i}"));
        ownerPc.Received.Clear();
        await ownerPc.Connection.StartAsync();
        // The hub joins the reconnected device to its channels' groups as it connects; a post racing that join is caught
        // up by the fetch below, so live delivery is proven by the first post that arrives live (bounded).
        var afterReconnect = new List<MessageDto>();
        await Probe.Until(async () =>
        {
            afterReconnect.Add(await PostAsync(clerk, MainGroup, $"重连之后 {afterReconnect.Count}"));
            return await ArrivesLiveWithin(ownerPc, afterReconnect[^1].Id, TimeSpan.FromSeconds(2));
        }, TimeSpan.FromSeconds(30), "live delivery after reconnecting");

        var fetched = await ChatFixture.MessagesAsync(owner, MainGroup, lastSeen);

        fetched.Select(m => m.Seq).ShouldBe(Enumerable.Range(1, fetched.Count).Select(i => lastSeen + i).ToList(), "a gap-free page");
        whileOffline.Select(m => m.Id).ShouldBeSubsetOf(fetched.Select(m => m.Id));
        // The client's timeline: the page and the live pushes merged by seq; each seq must be one and the same message.
        var timeline = fetched.Concat(ownerPc.Received.Where(m => m.ChannelId == MainGroup))
            .GroupBy(m => m.Seq).OrderBy(g => g.Key)
            .Select(g => g.Select(m => m.Id).Distinct().ShouldHaveSingleItem()).ToList();
        timeline.ShouldBe([.. whileOffline.Select(m => m.Id), .. afterReconnect.Select(m => m.Id)]);
        ownerPc.Received.GroupBy(m => m.Id).ShouldAllBe(g => g.Count() == 1, "no message pushed twice");
    }

    private static async Task<bool> ArrivesLiveWithin(LiveClient client, string messageId, TimeSpan wait)
    {
        try
        {
            await Probe.Until(() => Task.FromResult(client.Received.Any(m => m.Id == messageId)), seen => seen, wait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_connected_clerk_given_another_branch_joins_its_channels_without_reconnecting()
    {
        var user = $"helper-{Guid.NewGuid():N}"[..15];
        var at = DateTimeOffset.UtcNow;
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, user, user, "小吴", ["clerk"], ["main"], null, at));
        using var http = fixture.Chat.ClientFor(ChatFixture.Token(user, ["clerk"], ["main"]));
        await Probe.Until(async () => (await ChatFixture.ChannelsAsync(http)).Count == 3, what: "the helper in main");
        await using var device = await LiveClient.ConnectAsync(fixture.BaseAddress, ChatFixture.Token(user, ["clerk"], ["main"]));

        await fixture.Publish(new StaffRolesChanged(ChatFixture.Tenant, user, ["clerk"], ["main", "east"], at.AddMinutes(1)));

        await Arrives(() => device.Joined.FirstOrDefault(c => c.ChannelId == "east-group"), "channelJoined for east's 门店群");
        using var clerkEast = fixture.ClientFor("clerk-east");
        var hello = await PostAsync(clerkEast, "east-group", "欢迎来东区店帮忙");
        await Arrives(() => device.Received.FirstOrDefault(m => m.Id == hello.Id), "east's message live on the same connection");

        await fixture.Publish(new StaffRolesChanged(ChatFixture.Tenant, user, ["clerk"], ["main"], at.AddMinutes(2)));
        await Arrives(() => device.Left.FirstOrDefault(c => c.ChannelId == "east-group"), "channelLeft for east's 门店群");
        var afterLeaving = await PostAsync(clerkEast, "east-group", "帮忙结束");
        using var clerk = fixture.ClientFor("clerk");
        var fence = await PostAsync(clerk, MainGroup, $"fence {user}");
        await Arrives(() => device.Received.FirstOrDefault(m => m.Id == fence.Id), "a later message in main");
        device.Received.ShouldNotContain(m => m.Id == afterLeaving.Id, "a former member hears nothing more from the channel");
    }

    [Fact]
    public async Task A_disabled_account_is_disconnected_leaves_its_channels_and_cannot_come_back_with_its_old_token()
    {
        var user = $"leaver-{Guid.NewGuid():N}"[..15];
        var token = ChatFixture.Token(user, ["clerk"], ["main"]);
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, user, user, "小钱", ["clerk"], ["main"], null, DateTimeOffset.UtcNow));
        using var http = fixture.Chat.ClientFor(token);
        await Probe.Until(async () => (await ChatFixture.ChannelsAsync(http)).Count == 3, what: "the clerk in main");
        await using var device = await LiveClient.ConnectAsync(fixture.BaseAddress, token);

        await fixture.Publish(new StaffMemberDisabled(ChatFixture.Tenant, user, DateTimeOffset.UtcNow));

        await Probe.Until(() => Task.FromResult(device.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Disconnected),
            what: "the connection ended");
        await Probe.Until(async () =>
        {
            await using var query = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return await query.Query<Stationery.Chat.Channels.Channel>().CountAsync(c => c.Members.Contains(user));
        }, n => n == 0, what: "out of every channel");
        // The token has not expired, but the account is gone: refused before any route looks at it.
        (await http.GetAsync($"api/chat/channels/{MainGroup}/messages")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("api/chat/channels")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // A new connection with the same, unexpired token is refused at the door (401 on negotiate).
        (await Should.ThrowAsync<HttpRequestException>(() => LiveClient.ConnectAsync(fixture.BaseAddress, token)))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
