using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Stationery.Chat.Messages;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Chat against real PostgreSQL and RabbitMQ, driven over HTTP, SignalR and published contract events.</summary>
public sealed class ChatServiceTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string MainStockWatch = "main-stock-watch";
    private const string MainGroup = "main-group";

    private static StockAlertChanged LowStock(string sku, int onHand = 4) =>
        AlertChanges.Low("main", sku, "晨光荧光笔", "黄色", "支", onHand, 5, 20, DateTimeOffset.UtcNow);

    private static object Post(string clientMessageId, string text, string? replyTo = null) => new { clientMessageId, text, replyTo };

    [Fact]
    public async Task A_low_stock_alert_delivered_twice_posts_one_alert_in_the_stock_watch_channel_mentioning_the_owner()
    {
        using var owner = fixture.ClientFor("owner");
        await using var live = await fixture.ConnectAsync("owner");
        var sku = $"HL-Y-{Guid.NewGuid():N}"[..12];
        var messageId = NewId.NextGuid();

        await fixture.Publish(LowStock(sku), messageId);
        await fixture.Publish(LowStock(sku), messageId);

        bool IsOurs(MessageDto m) => m.ChannelId == MainStockWatch && m.Text.Contains("晨光荧光笔 黄色 剩余 4 支");
        var pushed = await Probe.Until(() => Task.FromResult(live.Received.Where(IsOurs).ToList()), l => l.Count > 0,
            what: "the alert pushed live to the owner");
        var alert = pushed.Single();
        alert.Text.ShouldBe("⚠️ 低库存:晨光荧光笔 黄色 剩余 4 支(补货点 5)@张店长");
        alert.Important.ShouldBeTrue();
        alert.Mentions.ShouldBe(["owner"]);
        alert.AuthorId.ShouldBe("bot");
        alert.AuthorName.ShouldBe("库存助手");
        // The card names the item, so clients link it (加入采购清单 is its button).
        (alert.Card!.Sku, alert.Card.Branch, alert.Card.Actions.Single().Label).ShouldBe((sku, "main", "加入采购清单 20"));

        // A later alert is a fence: once it is in, the duplicate delivered before it has been handled too.
        var fence = $"FENCE-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(LowStock(fence, onHand: 2));
        var history = await Probe.Until(() => ChatFixture.MessagesAsync(owner, MainStockWatch),
            h => h.Any(m => m.Text.Contains("剩余 2 支")) && h.Any(IsOurs), what: "the fence alert");
        history.Where(IsOurs).ShouldHaveSingleItem().Id.ShouldBe(alert.Id);
        history.Single(IsOurs).Seq.ShouldBe(alert.Seq);
        live.Received.Count(IsOurs).ShouldBe(1);
    }

    [Fact]
    public async Task Restocking_answers_the_alert_with_a_short_note_that_is_not_important()
    {
        using var owner = fixture.ClientFor("owner");
        var sku = $"RS-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(LowStock(sku, onHand: 3));
        var alert = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, MainStockWatch),
            h => h.Any(m => m.Text.Contains("剩余 3 支")), what: "the alert"))
            .Last(m => m.Text.Contains("剩余 3 支"));

        await fixture.Publish(AlertChanges.Resolved("main", sku, "晨光荧光笔", "黄色", "支", 25, 5, DateTimeOffset.UtcNow, version: 2));

        var note = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, MainStockWatch, alert.Seq),
            h => h.Any(m => m.ReplyTo == alert.Id), what: "the restock note")).Single(m => m.ReplyTo == alert.Id);
        note.Text.ShouldBe("✅ 已补货:晨光荧光笔 黄色 现有 25 支(补货点 5)");
        note.Important.ShouldBeFalse();
        note.Mentions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_sees_a_posted_message_live_and_in_the_history()
    {
        using var clerk = fixture.ClientFor("clerk");
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var text = $"今天到货了吗 @张店长 {Guid.NewGuid():N}";

        var response = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), text));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var posted = (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        posted.AuthorId.ShouldBe("clerk");
        posted.AuthorName.ShouldBe("小李");
        posted.Mentions.ShouldBe(["owner"]);
        var pushed = await Probe.Until(() => Task.FromResult(ownerLive.Received.FirstOrDefault(m => m.Id == posted.Id)), m => m is not null,
            what: "the clerk's message pushed to the owner");
        pushed!.Seq.ShouldBe(posted.Seq);
        (await ChatFixture.MessagesAsync(clerk, MainGroup, posted.Seq - 1)).First().Text.ShouldBe(text);
    }

    [Fact]
    public async Task Resending_with_the_same_client_message_id_returns_the_first_message_and_posts_nothing()
    {
        using var clerk = fixture.ClientFor("clerk");
        var clientMessageId = Guid.NewGuid().ToString();
        var text = $"补货单已拍照 {clientMessageId}";

        var first = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(clientMessageId, text));
        var again = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(clientMessageId, text));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = (await first.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        var b = (await again.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        (b.Id, b.Seq).ShouldBe((a.Id, a.Seq));
        (await ChatFixture.MessagesAsync(clerk, MainGroup)).Count(m => m.Text == text).ShouldBe(1);
    }

    [Fact]
    public async Task Messages_posted_at_the_same_time_get_gap_free_sequence_numbers()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        var batch = Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? clerk : owner).PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post($"{batch}-{i}", $"并发 {batch} {i}"))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var seqs = (await ChatFixture.MessagesAsync(owner, MainGroup)).Select(m => m.Seq).ToList();
        seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList());
        (await ChatFixture.MessagesAsync(owner, MainGroup)).Count(m => m.Text.Contains(batch)).ShouldBe(20);
    }

    [Fact]
    public async Task Unread_counts_grow_with_others_messages_and_reset_when_read()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        for (var i = 0; i < 3; i++)
            (await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), $"第 {i} 条")))
                .EnsureSuccessStatusCode();

        var group = (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == MainGroup);
        group.Unread.ShouldBeGreaterThanOrEqualTo(3);
        (await ChatFixture.ChannelsAsync(clerk)).Single(c => c.Id == MainGroup).Unread.ShouldBe(0, "your own messages are read");

        (await owner.PostAsJsonAsync($"api/chat/channels/{MainGroup}/read", new { seq = group.LastSeq })).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"api/chat/channels/{MainGroup}/read", new { seq = 1 })).EnsureSuccessStatusCode();

        var after = (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == MainGroup);
        after.LastReadSeq.ShouldBeGreaterThanOrEqualTo(group.LastSeq, "a read marker never moves back");
        after.Unread.ShouldBe(after.LastSeq - after.LastReadSeq);
    }

    [Fact]
    public async Task Another_chains_token_finds_no_such_channel()
    {
        using var rival = fixture.ClientFor("owner", tenant: "rival-chain");

        (await rival.GetAsync($"api/chat/channels/{MainStockWatch}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var post = await rival.PostAsJsonAsync($"api/chat/channels/{MainStockWatch}/messages", Post("x", "你好"));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        post.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ChatFixture.ChannelsAsync(rival)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_of_another_branch_and_supplier_guests_find_no_such_channel()
    {
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var supplier = fixture.ClientFor("supplier");

        (await clerkEast.GetAsync($"api/chat/channels/{MainStockWatch}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerkEast.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post("x", "hi"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerkEast.PostAsJsonAsync($"api/chat/channels/{MainGroup}/read", new { seq = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ChatFixture.ChannelsAsync(clerkEast)).Select(c => c.Id).Order().ShouldBe(["east-group", "east-stock-watch", "east-stocktake"]);
        (await ChatFixture.ChannelsAsync(supplier)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hq_is_in_every_branchs_channels()
    {
        using var hq = fixture.ClientFor("hq");

        var ids = (await ChatFixture.ChannelsAsync(hq)).Select(c => c.Id).ToList();

        ids.ShouldContain(MainStockWatch);
        ids.ShouldContain("east-stocktake");
    }

    [Fact]
    public async Task Staff_who_arrive_before_their_branch_opens_are_in_its_channels_once_it_does()
    {
        var branch = $"n{Guid.NewGuid():N}"[..8];
        var user = $"clerk-{branch}";
        var at = DateTimeOffset.UtcNow;
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, user, user, "小赵", ["clerk"], [branch], null, at));
        await fixture.Publish(new BranchOpened(ChatFixture.Tenant, branch, "北区店", "Asia/Shanghai", at.AddSeconds(1)));
        using var client = fixture.Chat.ClientFor(ChatFixture.Token(user, ["clerk"], [branch]));

        var channels = await Probe.Until(() => ChatFixture.ChannelsAsync(client),
            cs => cs.Count == 3 && cs.All(c => c.BranchName == "北区店"), what: "the early clerk in the new branch's channels");

        channels.Select(c => c.Name).Order().ShouldBe(["库存监控", "盘点", "门店群"]);
        using var hq = fixture.ClientFor("hq");
        await Probe.Until(async () => (await ChatFixture.ChannelsAsync(hq)).Count(c => c.Branch == branch) == 3, what: "hq in the new branch");
    }

    [Fact]
    public async Task A_clerk_moved_to_another_branch_leaves_the_old_branchs_channels_and_joins_the_new()
    {
        var user = $"mover-{Guid.NewGuid():N}"[..14];
        var at = DateTimeOffset.UtcNow;
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, user, user, "小孙", ["clerk"], ["main"], null, at));
        using var client = fixture.Chat.ClientFor(ChatFixture.Token(user, ["clerk"], ["main"]));
        await Probe.Until(async () => (await ChatFixture.ChannelsAsync(client)).All(c => c.Branch == "main")
            && (await ChatFixture.ChannelsAsync(client)).Count == 3, what: "the clerk in main");

        await fixture.Publish(new StaffRolesChanged(ChatFixture.Tenant, user, ["clerk"], ["east"], at.AddMinutes(1)));

        await Probe.Until(async () => (await ChatFixture.ChannelsAsync(client)).Select(c => c.Branch).Distinct().SequenceEqual(["east"]),
            what: "the clerk only in east");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var clerk = fixture.ClientFor("clerk");

        var response = await clerk.PostAsync($"api/chat/channels/{MainGroup}/messages",
            new StringContent("{\"clientMessageId\": \"a\", \"text\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()!.ShouldEndWith("/malformed-json");
    }

    [Fact]
    public async Task Empty_or_oversized_messages_and_bad_paging_are_400_problems_listing_every_field()
    {
        using var clerk = fixture.ClientFor("clerk");

        var empty = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", new { text = "" });
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        errors.TryGetProperty("clientMessageId", out _).ShouldBeTrue();
        errors.TryGetProperty("text", out _).ShouldBeTrue();

        var huge = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post("big", new string('字', 4001)));
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var strayReply = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post("r", "回复", Guid.NewGuid().ToString()));
        strayReply.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await clerk.GetAsync($"api/chat/channels/{MainGroup}/messages?limit=201")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_a_token_the_api_and_the_hub_answer_401()
    {
        using var anonymous = fixture.Chat.Anonymous();

        (await anonymous.GetAsync("api/chat/channels")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("hubs/chat/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unread_mentions_of_me_by_name_or_role_are_counted_per_channel()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        var before = (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == MainGroup);
        (await owner.PostAsJsonAsync($"api/chat/channels/{MainGroup}/read", new { seq = before.LastSeq })).EnsureSuccessStatusCode();

        foreach (var text in new[] { "@张店长 看下订单", "@店主 荧光笔缺货", "今天下雨", "@店员 整理货架" })
            (await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), text))).EnsureSuccessStatusCode();

        var group = (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == MainGroup);
        group.Unread.ShouldBe(4);
        group.Mentions.ShouldBe(2);
    }

    [Fact]
    public async Task Authors_edit_and_withdraw_their_own_messages_live_and_nobody_else_can()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var posted = (await (await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), "荧光笔剩 3 支")))
            .Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        var path = $"api/chat/channels/{MainGroup}/messages/{posted.Id}";

        var byOwner = await owner.PutAsJsonAsync(path, new { text = "改别人的消息" });
        byOwner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byOwner.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await owner.DeleteAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var edit = await clerk.PutAsJsonAsync(path, new { text = "荧光笔剩 2 支 @张店长" });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        var edited = (await edit.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        (edited.Seq, edited.Text, edited.EditedAt is not null).ShouldBe((posted.Seq, "荧光笔剩 2 支 @张店长", true));
        edited.Mentions.ShouldBe(["owner"]);
        var update = await Probe.Until(() => Task.FromResult(ownerLive.Updates.FirstOrDefault(u => u.Id == posted.Id)), u => u is not null,
            what: "messageUpdated pushed live");
        update!.Text.ShouldBe("荧光笔剩 2 支 @张店长");

        (await clerk.DeleteAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await clerk.PutAsJsonAsync(path, new { text = "再改" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var withdrawn = (await ChatFixture.MessagesAsync(owner, MainGroup, posted.Seq - 1)).First();
        (withdrawn.Id, withdrawn.Deleted, withdrawn.Text).ShouldBe((posted.Id, true, ""));
        await Probe.Until(() => Task.FromResult(ownerLive.Updates.Any(u => u.Id == posted.Id && u.Deleted)), what: "the withdrawal pushed live");
    }

    [Fact]
    public async Task Members_read_a_messages_earlier_versions_and_a_withdrawn_messages_history_is_withheld()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        using var clerkEast = fixture.ClientFor("clerk-east");
        var posted = (await (await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), "本子到了 10 本")))
            .Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        var path = $"api/chat/channels/{MainGroup}/messages/{posted.Id}";
        posted.Edits.ShouldBe(0);
        (await clerk.PutAsJsonAsync(path, new { text = "本子到了 12 本" })).EnsureSuccessStatusCode();
        var edited = (await (await clerk.PutAsJsonAsync(path, new { text = "本子到了 15 本" })).Content.ReadFromJsonAsync<JsonElement>())!;
        (edited.GetProperty("edits").GetInt32(), edited.GetProperty("edited").GetBoolean()).ShouldBe((2, true));

        var page = (await ChatFixture.MessagesAsync(owner, MainGroup, posted.Seq - 1)).First();
        (page.Id, page.Edits, page.Edited).ShouldBe((posted.Id, 2, true));
        var history = (await owner.GetFromJsonAsync<JsonElement>($"{path}/history"))!;
        history.GetProperty("withdrawn").GetBoolean().ShouldBeFalse();
        var versions = history.GetProperty("versions").EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("text").GetString()).ShouldBe(["本子到了 10 本", "本子到了 12 本", "本子到了 15 本"]);
        versions.Select(v => v.GetProperty("editorName").GetString()).Distinct().ShouldBe(["小李"]);
        versions.Select(v => v.GetProperty("current").GetBoolean()).ShouldBe([false, false, true]);
        versions[0].GetProperty("at").GetDateTimeOffset().ShouldBe(posted.PostedAt);
        versions[2].GetProperty("at").GetDateTimeOffset().ShouldBe(page.EditedAt!.Value);

        var outside = await clerkEast.GetAsync($"{path}/history");
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        outside.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await owner.GetAsync($"api/chat/channels/{MainGroup}/messages/{Guid.NewGuid()}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await clerk.DeleteAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var withheld = (await owner.GetFromJsonAsync<JsonElement>($"{path}/history"))!;
        (withheld.GetProperty("withdrawn").GetBoolean(), withheld.GetProperty("versions").GetArrayLength()).ShouldBe((true, 0));
        withheld.ToString().ShouldNotContain("本子到了");
    }

    [Fact]
    public async Task The_author_sees_who_has_read_their_message_on_any_device_and_nobody_else_may_ask()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        using var hq = fixture.ClientFor("hq");
        using var clerkEast = fixture.ClientFor("clerk-east");
        var posted = (await (await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), "新到的本子放哪?")))
            .Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        var path = $"api/chat/channels/{MainGroup}/messages/{posted.Id}/readers";

        var before = (await clerk.GetFromJsonAsync<JsonElement>(path))!;
        Names(before, "readBy").ShouldNotContain("owner");
        Names(before, "notYet").ShouldContain("owner");
        Names(before, "notYet").ShouldNotContain("clerk");

        (await owner.PostAsJsonAsync($"api/chat/channels/{MainGroup}/read", new { seq = posted.Seq })).EnsureSuccessStatusCode();

        var after = (await clerk.GetFromJsonAsync<JsonElement>(path))!;
        Names(after, "readBy").ShouldContain("owner");
        after.GetProperty("readBy").EnumerateArray().Single(r => r.GetProperty("userId").GetString() == "owner")
            .GetProperty("name").GetString().ShouldBe("张店长");
        Names(after, "notYet").ShouldContain("hq");

        var byOther = await hq.GetAsync(path);
        byOther.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byOther.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await clerkEast.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.GetAsync($"api/chat/channels/{MainGroup}/messages/{Guid.NewGuid()}/readers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<string> Names(JsonElement readers, string list) =>
        [.. readers.GetProperty(list).EnumerateArray().Select(r => r.GetProperty("userId").GetString()!)];

    [Fact]
    public async Task History_pages_back_from_the_newest_with_before_oldest_first_without_gaps()
    {
        using var clerk = fixture.ClientFor("clerk");
        var posted = new List<MessageDto>();
        for (var i = 0; i < 5; i++)
            posted.Add((await (await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", Post(Guid.NewGuid().ToString(), $"翻页 {i}")))
                .Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!);
        var newest = posted[^1].Seq;

        var last = (await clerk.GetFromJsonAsync<List<MessageDto>>($"api/chat/channels/{MainGroup}/messages?before={newest + 1}&limit=2", ChatFixture.Json))!;
        var previous = (await clerk.GetFromJsonAsync<List<MessageDto>>($"api/chat/channels/{MainGroup}/messages?before={last[0].Seq}&limit=2", ChatFixture.Json))!;

        last.Select(m => m.Id).ShouldBe([posted[3].Id, posted[4].Id]);
        previous.Select(m => m.Id).ShouldBe([posted[1].Id, posted[2].Id]);
        (await clerk.GetAsync($"api/chat/channels/{MainGroup}/messages?before=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
