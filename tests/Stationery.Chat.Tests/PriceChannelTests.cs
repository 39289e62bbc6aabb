using System.Net;
using System.Net.Http.Json;
using Marten;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Editing;
using Stationery.Chat.Messages.Searching;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// A supplier's price channel (报价): its guests and the chain's cost roles only. Price talk written in the order channel is
/// moved there with a note; what a manager reads, searches, gets pushed or notified never carries the price.
/// </summary>
public sealed class PriceChannelTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string Supplier = ChatFixture.SupplierId;
    private static readonly string OrderChannel = SupplierChannels.Id(Supplier);
    private static readonly string PriceChannel = PriceChannels.Id(Supplier);
    private const string Manager = "mgr-lin";

    private HttpClient ManagerClient() => fixture.Chat.ClientFor(TestTokens.Issue(ChatFixture.Tenant, Manager, ["manager"], ["main"], "店长林"));

    /// <summary>The supplier registered, a manager and another supplier's guest added: every channel in place for the owner and the manager.</summary>
    private async Task SetUpAsync()
    {
        var at = DateTimeOffset.UtcNow;
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, Manager, Manager, "店长林", ["manager"], ["main"], null, at));
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, "deli-guest", "deli-guest", "得力小陈", ["supplier"], [], "sup-deli", at));
        await fixture.Publish(new SupplierRegistered(ChatFixture.Tenant, Supplier, "晨光文具供应商", "王经理", 3, ["笔类"], at));
        using var owner = fixture.ClientFor("owner");
        using var manager = ManagerClient();
        await Probe.Until(() => ChatFixture.ChannelsAsync(owner), cs => cs.Any(c => c.Id == PriceChannel), what: "the owner in the price channel");
        await Probe.Until(() => ChatFixture.ChannelsAsync(manager), cs => cs.Any(c => c.Id == OrderChannel), what: "the manager in the order channel");
    }

    private static async Task<MessageDto> PostAsync(HttpClient client, string channel, string text, string? clientMessageId = null)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages",
            new { clientMessageId = clientMessageId ?? Guid.NewGuid().ToString(), text });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private static async Task<SearchPage> SearchAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<SearchPage>($"api/chat/search?q={Uri.EscapeDataString(q)}", ChatFixture.Json))!;

    [Fact]
    public async Task A_suppliers_price_channel_holds_its_guests_and_the_cost_roles_and_no_manager_clerk_or_other_suppliers_guest()
    {
        await SetUpAsync();
        using var supplier = fixture.ClientFor("supplier");
        using var manager = ManagerClient();
        using var clerk = fixture.ClientFor("clerk");
        using var deli = fixture.Chat.ClientFor(TestTokens.IssueSupplierGuest(ChatFixture.Tenant, "deli-guest", "sup-deli", "得力小陈"));

        var guests = await Probe.Until(() => ChatFixture.ChannelsAsync(supplier), cs => cs.Any(c => c.Id == PriceChannel), what: "the guest in the price channel");
        var prices = guests.Single(c => c.Id == PriceChannel);
        (prices.Name, prices.Kind, prices.Branch).ShouldBe(("报价·晨光文具供应商", ChannelKind.Prices, (string?)null));
        guests.Select(c => c.Id).Order(StringComparer.Ordinal).ShouldBe([PriceChannel, OrderChannel]);

        await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
        var members = (await session.LoadAsync<Channel>(PriceChannel))!.Members;
        members.ShouldContain("owner");
        members.ShouldContain("hq");
        members.ShouldContain("supplier");
        members.ShouldNotContain(Manager);
        members.ShouldNotContain("clerk");
        members.ShouldNotContain("deli-guest");
        (await session.LoadAsync<Channel>(OrderChannel))!.Members.ShouldContain(Manager, "managers buy in the order channel");

        foreach (var outsider in new[] { manager, clerk, deli })
        {
            (await outsider.GetAsync($"api/chat/channels/{PriceChannel}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.PostAsJsonAsync($"api/chat/channels/{PriceChannel}/messages", new { clientMessageId = "x", text = "单价多少?" }))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_price_the_supplier_writes_in_the_order_channel_is_moved_to_the_price_channel_and_the_manager_only_sees_where_it_went()
    {
        await SetUpAsync();
        using var supplier = fixture.ClientFor("supplier");
        using var owner = fixture.ClientFor("owner");
        using var manager = ManagerClient();
        await using var managerLive = await fixture.ConnectAsync(Manager);
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var clientMessageId = Guid.NewGuid().ToString();

        var moved = await PostAsync(supplier, OrderChannel, "这批荧光笔单价 1.3719 元,下周涨价", clientMessageId);

        moved.ChannelId.ShouldBe(PriceChannel);
        moved.Text.ShouldBe("这批荧光笔单价 1.3719 元,下周涨价");
        (await PostAsync(supplier, OrderChannel, "这批荧光笔单价 1.3719 元,下周涨价", clientMessageId)).Id.ShouldBe(moved.Id, "a resend is the same message");
        (await ChatFixture.MessagesAsync(owner, PriceChannel)).ShouldContain(m => m.Id == moved.Id && m.AuthorId == "supplier");
        var note = (await ChatFixture.MessagesAsync(manager, OrderChannel)).Last();
        (note.AuthorId, note.Text).ShouldBe(("bot", "💰 @供应商陈 的价格消息已移到「报价·晨光文具供应商」频道:价格只有店主、总部和供应商本人能看到"));
        note.Mentions.ShouldBe(["supplier"]);
        (await ChatFixture.MessagesAsync(manager, OrderChannel)).ShouldNotContain(m => m.Text.Contains("1.3719"));
        (await SearchAsync(manager, "1.3719")).Items.ShouldBeEmpty();
        (await SearchAsync(owner, "1.3719")).Items.ShouldHaveSingleItem().Message.Id.ShouldBe(moved.Id);

        await Probe.Until(() => Task.FromResult(ownerLive.Received.Any(m => m.Id == moved.Id)), what: "the moved message pushed to the owner");
        await Probe.Until(() => Task.FromResult(managerLive.Received.Any(m => m.Id == note.Id)), what: "the note pushed to the manager");
        managerLive.Received.ShouldNotContain(m => m.Text.Contains("1.3719"));
        managerLive.Notifications.ShouldNotContain(n => n.Text.Contains("1.3719"));
    }

    [Fact]
    public async Task An_edit_that_adds_a_price_withdraws_the_message_in_the_order_channel_and_moves_the_new_text_to_the_price_channel()
    {
        await SetUpAsync();
        using var supplier = fixture.ClientFor("supplier");
        using var owner = fixture.ClientFor("owner");
        using var manager = ManagerClient();
        var first = await PostAsync(supplier, OrderChannel, "明天上午送货");
        first.ChannelId.ShouldBe(OrderChannel, "no price: it stays");

        var edit = await supplier.PutAsJsonAsync($"api/chat/channels/{OrderChannel}/messages/{first.Id}", new { text = "明天上午送货,¥2.4571/支" });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        var moved = (await edit.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;

        (moved.ChannelId, moved.Text).ShouldBe((PriceChannel, "明天上午送货,¥2.4571/支"));
        var original = (await ChatFixture.MessagesAsync(manager, OrderChannel)).Single(m => m.Id == first.Id);
        (original.Deleted, original.Text).ShouldBe((true, ""));
        var history = (await manager.GetFromJsonAsync<MessageHistory>($"api/chat/channels/{OrderChannel}/messages/{first.Id}/history", ChatFixture.Json))!;
        history.Withdrawn.ShouldBeTrue();
        (await ChatFixture.MessagesAsync(owner, PriceChannel)).ShouldContain(m => m.Id == moved.Id);
        (await SearchAsync(manager, "2.4571")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Price_talk_left_in_an_order_channel_from_before_the_price_channel_is_withheld_from_the_manager_in_history_search_pushes_and_previews()
    {
        await SetUpAsync();
        using var owner = fixture.ClientFor("owner");
        using var manager = ManagerClient();
        await using var managerLive = await fixture.ConnectAsync(Manager);
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var store = fixture.Chat.Service<IDocumentStore>();
        var id = Guid.CreateVersion7();
        // As history written before price channels were: the guest's 报价 straight into the order channel's stream.
        await using (var session = store.LightweightSession(ChatFixture.Tenant))
        {
            var stream = await session.Events.FetchForExclusiveWriting<Channel>(OrderChannel);
            stream.AppendOne(new MessagePosted(id, stream.Aggregate!.LastSeq + 1, null, "supplier", "供应商陈", "报价 [HL-Y] 9.8173 100",
                [Manager], false, null, null, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await Probe.Until(() => Task.FromResult(ownerLive.Received.Any(m => m.Id == id.ToString())), what: "the old quote pushed to the owner");
        ownerLive.Received.Single(m => m.Id == id.ToString()).Text.ShouldContain("9.8173", customMessage: "the owner holds the cost right");
        var pushed = await Probe.Until(() => Task.FromResult(managerLive.Received.FirstOrDefault(m => m.Id == id.ToString())), m => m is not null,
            what: "the old quote pushed to the manager");
        pushed!.Text.ShouldBe(PriceVisibility.Withheld);
        var notified = await Probe.Until(() => Task.FromResult(managerLive.Notifications.FirstOrDefault(n => n.MessageId == id.ToString())),
            n => n is not null, what: "the manager notified of the mention");
        notified!.Text.ShouldBe(PriceVisibility.Withheld);
        (await ChatFixture.MessagesAsync(manager, OrderChannel)).Single(m => m.Id == id.ToString()).Text.ShouldBe(PriceVisibility.Withheld);
        (await ChatFixture.MessagesAsync(owner, OrderChannel)).Single(m => m.Id == id.ToString()).Text.ShouldContain("9.8173");
        (await SearchAsync(manager, "9.8173")).Items.ShouldBeEmpty();
        (await SearchAsync(manager, "HL-Y")).Items.ShouldNotContain(h => h.Message.Id == id.ToString());
        var history = (await manager.GetFromJsonAsync<MessageHistory>($"api/chat/channels/{OrderChannel}/messages/{id}/history", ChatFixture.Json))!;
        history.Versions.ShouldAllBe(v => v.Text == PriceVisibility.Withheld);
    }

    [Fact]
    public async Task The_first_price_in_a_chain_whose_price_channel_was_never_opened_opens_it_with_the_cost_roles_and_the_author()
    {
        await SetUpAsync();
        var supplierId = $"sup-old-{Guid.NewGuid():N}"[..16];
        var guestId = $"guest-{supplierId}";
        // As a chain from before price channels: the supplier's order channel only, its guest in it, unknown to the directory.
        await using (var session = fixture.Chat.Service<IDocumentStore>().LightweightSession(ChatFixture.Tenant))
        {
            session.Events.StartStream<Channel>(SupplierChannels.Id(supplierId), SupplierChannels.Open(supplierId, "老供应商", ["owner", "hq", guestId]));
            await session.SaveChangesAsync();
        }
        using var guest = fixture.Chat.ClientFor(TestTokens.IssueSupplierGuest(ChatFixture.Tenant, guestId, supplierId, "老供应商小王"));
        using var owner = fixture.ClientFor("owner");

        var moved = await PostAsync(guest, SupplierChannels.Id(supplierId), "报价 [HL-Y] 0.9917 500");

        moved.ChannelId.ShouldBe(PriceChannels.Id(supplierId));
        await using var read = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
        var opened = (await read.LoadAsync<Channel>(PriceChannels.Id(supplierId)))!;
        (opened.Kind, opened.Name).ShouldBe((ChannelKind.Prices, $"报价·{supplierId}"));
        opened.Members.Order(StringComparer.Ordinal).ShouldBe([guestId, "hq", "owner"]);
        (await ChatFixture.MessagesAsync(owner, PriceChannels.Id(supplierId))).ShouldContain(m => m.Id == moved.Id);
    }
}
