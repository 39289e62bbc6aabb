using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.AdHoc;
using Stationery.Chat.Messages;
using Stationery.Contracts.Identity;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Direct conversations and ad-hoc groups over HTTP and the hub.</summary>
public sealed class AdHocChannelTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static async Task<MessageDto> PostAsync(HttpClient client, string channel, string text)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private static async Task<(HttpStatusCode, ChannelInfo?)> OpenAsync(HttpClient client, object request, string? key = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/chat/channels") { Content = JsonContent.Create(request) };
        if (key is not null) message.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(message);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ChannelInfo>(ChatFixture.Json) : null);
    }

    private static Task<T> Arrives<T>(Func<T?> read, string what) where T : class =>
        Probe.Until(() => Task.FromResult(read()), x => x is not null, what: what)!;

    [Fact]
    public async Task A_direct_conversation_reaches_the_other_person_live_is_named_after_them_and_is_opened_only_once()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        using var clerkEast = fixture.ClientFor("clerk-east");
        await using var ownerPhone = await fixture.ConnectAsync("owner");

        var (created, dm) = await OpenAsync(clerk, new { kind = "direct", members = new[] { "owner" } });
        created.ShouldBe(HttpStatusCode.Created);
        dm!.Members.Select(m => m.Name).ShouldBe(["张店长", "小李"], ignoreOrder: true);
        await Arrives(() => ownerPhone.Joined.FirstOrDefault(c => c.ChannelId == dm.Id), "channelJoined on the owner's phone");
        var hello = await PostAsync(clerk, dm.Id, "店长,我明天想调个班");
        await Arrives(() => ownerPhone.Received.FirstOrDefault(m => m.Id == hello.Id), "the direct message live");

        var (again, same) = await OpenAsync(owner, new { kind = "direct", members = new[] { "clerk" } });
        (again, same!.Id).ShouldBe((HttpStatusCode.OK, dm.Id));
        var listed = (await ChatFixture.ChannelsAsync(owner)).Single(c => c.Id == dm.Id);
        (listed.Kind, listed.Name, listed.Unread).ShouldBe((ChannelKind.Direct, "小李", 1L));
        (await ChatFixture.ChannelsAsync(clerk)).Single(c => c.Id == dm.Id).Name.ShouldBe("张店长");
        (await clerkEast.GetAsync($"api/chat/channels/{dm.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.PutAsJsonAsync($"api/chat/channels/{dm.Id}", new { purpose = "调班" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_ad_hoc_group_is_opened_once_per_key_takes_and_removes_members_by_hand_lists_them_and_is_renamed_and_left()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var hq = fixture.ClientFor("hq");
        var key = Guid.NewGuid().ToString();
        var request = new { kind = "group", name = "开学季备货", purpose = "九月前备齐", members = new[] { "owner" } };

        var (created, group) = await OpenAsync(clerk, request, key);
        created.ShouldBe(HttpStatusCode.Created);
        group!.Id.ShouldStartWith("g-");
        var (retried, same) = await OpenAsync(clerk, request, key);
        (retried, same!.Id).ShouldBe((HttpStatusCode.Created, group.Id)); // the first answer, replayed
        (await hq.GetAsync($"api/chat/channels/{group.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var eastPhone = await fixture.ConnectAsync("clerk-east");
        var added = await clerk.PostAsJsonAsync($"api/chat/channels/{group.Id}/members", new { members = new[] { "clerk-east" } });
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Arrives(() => eastPhone.Joined.FirstOrDefault(c => c.ChannelId == group.Id), "channelJoined for the added clerk");
        var question = await PostAsync(clerk, group.Id, "东区的作业本还有多少?");
        await Arrives(() => eastPhone.Received.FirstOrDefault(m => m.Id == question.Id), "the group's message live");

        var renamed = await clerkEast.PutAsJsonAsync($"api/chat/channels/{group.Id}", new { name = "开学季备货(两店)", purpose = "" });
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = (await ChatFixture.ChannelsAsync(clerk)).Single(c => c.Id == group.Id);
        (listed.Name, listed.Purpose, listed.Branch).ShouldBe(("开学季备货(两店)", (string?)null, (string?)null));

        var members = (await clerkEast.GetFromJsonAsync<ChannelInfo>($"api/chat/channels/{group.Id}/members", ChatFixture.Json))!;
        members.Members.Select(m => (m.UserId, m.Name)).ShouldBe([("clerk", "小李"), ("clerk-east", "小周"), ("owner", "张店长")]);
        (await hq.GetAsync($"api/chat/channels/{group.Id}/members")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Members manage the group: as any member adds people, any member removes one.
        (await clerk.DeleteAsync($"api/chat/channels/{group.Id}/members/clerk-east")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Arrives(() => eastPhone.Left.FirstOrDefault(c => c.ChannelId == group.Id), "channelLeft for the removed member");
        (await clerkEast.GetAsync($"api/chat/channels/{group.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.DeleteAsync($"api/chat/channels/{group.Id}/members/clerk")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var owner = fixture.ClientFor("owner");
        (await owner.GetFromJsonAsync<ChannelInfo>($"api/chat/channels/{group.Id}/members", ChatFixture.Json))!.Members
            .Select(m => m.UserId).ShouldBe(["owner"]);
    }

    [Fact]
    public async Task Branch_channels_keep_their_names_their_purpose_is_the_leads_and_guests_and_strangers_are_refused()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        using var supplier = fixture.ClientFor("supplier");

        (await clerk.PutAsJsonAsync("api/chat/channels/main-group", new { purpose = "随便聊" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.PutAsJsonAsync("api/chat/channels/main-group", new { name = "总店大群" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.PutAsJsonAsync("api/chat/channels/main-group", new { purpose = "本周重点:开学季" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ChatFixture.ChannelsAsync(clerk)).Single(c => c.Id == "main-group").Purpose.ShouldBe("本周重点:开学季");
        (await owner.PostAsJsonAsync("api/chat/channels/main-group/members", new { members = new[] { "clerk-east" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var guest = await supplier.PostAsJsonAsync("api/chat/channels", new { kind = "direct", members = new[] { "owner" } });
        guest.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        guest.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var bad = await clerk.PostAsJsonAsync("api/chat/channels", new { kind = "group", name = "", members = new[] { "supplier", "nobody" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["members[0]", "members[1]", "name"]);
        (await clerk.PutAsJsonAsync("api/chat/channels/east-group", new { purpose = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // What the security sweeps send: an empty object, a JSON null, a guest aiming at its own supplier channel.
        (await clerk.PostAsync("api/chat/channels", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await clerk.PostAsync("api/chat/channels", new StringContent("null", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // A guest manages no channel: 403 for its own supplier channel, 404 for any other (the table's "denied as 404").
        var supplierChannel = $"supplier-{ChatFixture.SupplierId}";
        HttpStatusCode[] refused = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound];
        (await supplier.PutAsJsonAsync($"api/chat/channels/{supplierChannel}", new { purpose = "x" })).StatusCode.ShouldBeOneOf(refused);
        (await supplier.PostAsJsonAsync($"api/chat/channels/{supplierChannel}/members", new { members = new[] { "owner" } }))
            .StatusCode.ShouldBeOneOf(refused);
        (await supplier.DeleteAsync($"api/chat/channels/{supplierChannel}/members/supplier")).StatusCode.ShouldBeOneOf(refused);
        (await supplier.PutAsJsonAsync("api/chat/channels/main-group", new { purpose = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_disabled_account_leaves_its_direct_conversations()
    {
        var user = $"temp-{Guid.NewGuid():N}"[..13];
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, user, user, "小临", ["clerk"], ["main"], null, DateTimeOffset.UtcNow));
        using var clerk = fixture.ClientFor("clerk");
        using var temp = fixture.Chat.ClientFor(ChatFixture.Token(user, ["clerk"], ["main"]));
        var dm = await Probe.Until(async () => (await OpenAsync(clerk, new { kind = "direct", members = new[] { user } })).Item2,
            d => d is not null, what: "the new clerk known to chat");
        (await temp.GetAsync($"api/chat/channels/{dm!.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await fixture.Publish(new StaffMemberDisabled(ChatFixture.Tenant, user, DateTimeOffset.UtcNow));

        await Probe.Until(async () =>
        {
            await using var query = fixture.Chat.Service<Marten.IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return (await query.LoadAsync<Stationery.Chat.Channels.Channel>(dm.Id))!.Members;
        }, members => !members.Contains(user), what: "the disabled clerk out of the direct conversation");
        (await temp.GetAsync($"api/chat/channels/{dm.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "its token is refused");
        (await clerk.GetAsync($"api/chat/channels/{dm.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
