using System.Net;
using System.Net.Http.Json;
using Marten;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Chat.Suppliers;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// Supplier channels from Purchasing's and Identity's events, and Purchasing's order events as cards in them; the buttons'
/// presses are observed as the contracts Purchasing consumes.
/// </summary>
public sealed class SupplierChannelTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string Chenguang = ChatFixture.SupplierId;
    private static readonly string ChenguangChannel = SupplierChannels.Id(Chenguang);

    private async Task<string> RegisterSupplierAsync(string supplierId, string name)
    {
        await fixture.Publish(new SupplierRegistered(ChatFixture.Tenant, supplierId, name, "王经理", 3, ["笔类"], DateTimeOffset.UtcNow));
        using var owner = fixture.ClientFor("owner");
        await Probe.Until(async () => await ChatFixture.ChannelsAsync(owner), cs => cs.Any(c => c.Id == SupplierChannels.Id(supplierId)),
            what: $"the owner in {name}'s channel");
        return SupplierChannels.Id(supplierId);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string channel, string text) =>
        client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });

    private static async Task<MessageDto> CardAsync(HttpClient client, string channel, Func<MessageDto, bool> which, string what) =>
        (await Probe.Until(() => MessagesOnceOpenedAsync(client, channel), ms => ms.Any(which), what: what)).Last(which);

    /// <summary>The channel's messages, or none while the channel has not been opened yet (its opening event is on its way).</summary>
    private static async Task<List<MessageDto>> MessagesOnceOpenedAsync(HttpClient client, string channel)
    {
        try { return await ChatFixture.MessagesAsync(client, channel); }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { return []; }
    }

    [Fact]
    public async Task A_supplier_guest_reads_and_posts_only_in_its_own_supplier_channel_and_any_other_is_404()
    {
        // The other supplier's guest arrives before the supplier's registration: any order.
        await fixture.Publish(new StaffMemberAdded(ChatFixture.Tenant, "deli-guest", "deli-guest", "得力小陈", ["supplier"], [], "sup-deli",
            DateTimeOffset.UtcNow));
        await RegisterSupplierAsync(Chenguang, "晨光文具供应商");
        var deli = await RegisterSupplierAsync("sup-deli", "得力办公用品供应商");

        using var supplier = fixture.ClientFor("supplier");
        using var deliGuest = fixture.Chat.ClientFor(TestTokens.IssueSupplierGuest(ChatFixture.Tenant, "deli-guest", "sup-deli", "得力小陈"));
        using var owner = fixture.ClientFor("owner");
        using var hq = fixture.ClientFor("hq");
        using var clerk = fixture.ClientFor("clerk");

        // Its order channel and its price channel (报价), nothing else.
        var guests = await Probe.Until(() => ChatFixture.ChannelsAsync(supplier), cs => cs.Count == 2, what: "the guest in its channels");
        var mine = guests.Single(c => c.Kind == ChannelKind.Supplier);
        (mine.Id, mine.Name, mine.Kind, mine.Branch).ShouldBe((ChenguangChannel, "供应商·晨光文具供应商", ChannelKind.Supplier, (string?)null));
        guests.Single(c => c.Kind == ChannelKind.Prices).Id.ShouldBe(PriceChannels.Id(Chenguang));
        (await Probe.Until(() => ChatFixture.ChannelsAsync(deliGuest), cs => cs.Count == 2, what: "the early guest in its channels"))
            .Select(c => c.Id).Order().ShouldBe([PriceChannels.Id("sup-deli"), deli]);
        (await ChatFixture.ChannelsAsync(owner)).Select(c => c.Id).ShouldContain(deli);
        (await ChatFixture.ChannelsAsync(hq)).Select(c => c.Id).ShouldContain(ChenguangChannel);
        (await ChatFixture.ChannelsAsync(clerk)).ShouldNotContain(c => c.Kind == ChannelKind.Supplier);

        (await PostAsync(supplier, ChenguangChannel, "王经理:荧光笔明天发货")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ChatFixture.MessagesAsync(owner, ChenguangChannel)).ShouldContain(m => m.Text == "王经理:荧光笔明天发货");

        foreach (var other in new[] { deli, "main-group", "main-stock-watch" })
        {
            (await PostAsync(supplier, other, "hello")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await supplier.GetAsync($"api/chat/channels/{other}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await supplier.GetAsync($"api/chat/channels/{deli}/messages")).Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_order_card_is_confirmed_by_the_supplier_alone_and_shows_the_confirmed_figures_when_purchasing_confirms()
    {
        var channel = await RegisterSupplierAsync(Chenguang, "晨光文具供应商");
        var requests = await fixture.Bus.ObserveAsync<PurchaseOrderConfirmationRequestedFromChat>();
        using var owner = fixture.ClientFor("owner");
        using var supplier = fixture.ClientFor("supplier");
        await using var supplierLive = await fixture.ConnectAsync("supplier");
        var order = $"PO-{Guid.NewGuid():N}"[..15];

        await fixture.Publish(new PurchaseOrderPlaced(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "黄色", "支", 100), new("NB-A5", "晨光笔记本", "A5", "本", 30)], new DateOnly(2026, 3, 4), "owner", "张店长",
            DateTimeOffset.UtcNow));

        var message = await CardAsync(supplier, channel, m => m.Card?.PurchaseOrderId == order, "the order card");
        message.Text.ShouldBe($"🧾 新采购单 {order}(总店):晨光荧光笔 黄色 100 支,晨光笔记本 A5 30 本,预计 2026-03-04 到货 @供应商陈");
        message.Mentions.ShouldBe(["supplier"]);
        var card = message.Card!;
        (card.Kind, card.Title, card.Status).ShouldBe(("purchase-order", $"采购单 {order} · 总店", "open"));
        card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([
            ("门店", "总店"), ("晨光荧光笔 黄色", "100 支"), ("晨光笔记本 A5", "30 本"), ("预计到货", "2026-03-04"), ("下单人", "张店长")]);
        card.Fields.ShouldNotContain(f => f.Label.Contains("价") || f.Label.Contains("成本"));
        card.Actions.Select(a => (a.Id, a.Label)).ShouldBe([("confirm-order", "确认订单")]);
        await Probe.Until(() => Task.FromResult(supplierLive.Received.Any(m => m.Id == message.Id)), what: "the card pushed live to the supplier");

        (await owner.PostAsync($"api/chat/messages/{message.Id}/actions/confirm-order", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var press = await supplier.PostAsync($"api/chat/messages/{message.Id}/actions/confirm-order", null);
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!.Status.ShouldBe("pending");

        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.PurchaseOrderId == order).ToList()), l => l.Count > 0,
            what: "the confirmation request")).ShouldHaveSingleItem().Message;
        request.ShouldBe(request with
        {
            TenantId = ChatFixture.Tenant, BranchId = "main", SupplierId = Chenguang, RequestedBy = "supplier", RequestedByName = "供应商陈",
            ChatMessageId = message.Id,
        });

        // Purchasing's answer: 80 instead of 100 highlighters.
        await fixture.Publish(new PurchaseOrderConfirmed(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 100, 80), new("NB-A5", "晨光笔记本", "本", 30, 30)], true, "supplier", "供应商陈", DateTimeOffset.UtcNow));

        var done = await Probe.Until(() => Task.FromResult(supplierLive.Updates.FirstOrDefault(u => u.Id == message.Id && u.Card?.Status == "done")),
            u => u is not null, what: "the confirmed card pushed live");
        (done!.Card!.Resolution, done.Card.ResolvedBy).ShouldBe(("已确认订单(数量有调整)", "供应商陈"));
        done.Card.Fields.Single(f => f.Label == "晨光荧光笔 黄色").Value.ShouldBe("确认 80 支(订购 100)");
        done.Card.Fields.Single(f => f.Label == "晨光笔记本 A5").Value.ShouldBe("30 本");
        done.Card.Actions.ShouldBeEmpty();
        var note = await CardAsync(owner, channel, m => m.ReplyTo == message.Id && m.Text.StartsWith("⚠️"), "the owner's heads-up");
        note.Text.ShouldBe($"⚠️ 供应商陈 调整了采购单 {order} 的数量:晨光荧光笔 订购 100 支 → 确认 80 支 @张店长");
        note.Mentions.ShouldBe(["owner"]);
        requests.Count(r => r.Message.PurchaseOrderId == order).ShouldBe(1);
    }

    [Fact]
    public async Task A_confirmation_with_another_delivery_day_shows_the_agreed_day_on_the_card_and_tells_the_owner()
    {
        var channel = await RegisterSupplierAsync(Chenguang, "晨光文具供应商");
        var requests = await fixture.Bus.ObserveAsync<PurchaseOrderConfirmationRequestedFromChat>();
        using var owner = fixture.ClientFor("owner");
        using var supplier = fixture.ClientFor("supplier");
        var order = $"PO-{Guid.NewGuid():N}"[..15];
        await fixture.Publish(new PurchaseOrderPlaced(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "黄色", "支", 100)], new DateOnly(2026, 3, 4), "owner", "张店长", DateTimeOffset.UtcNow));
        var message = await CardAsync(supplier, channel, m => m.Card?.PurchaseOrderId == order, "the order card");

        // The press may carry the day the supplier agrees to: from today on, and only on 确认订单.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (action, day, rule) in new[]
                 {
                     ("confirm-order", today.AddDays(-1), "不能早于现在 / must not be in the past"),
                     ("confirm-order", today.AddDays(400), "须在一年之内 / must be within a year"),
                 })
        {
            var refused = await supplier.PostAsJsonAsync($"api/chat/messages/{message.Id}/actions/{action}", new { expectedBy = day });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            problem.GetProperty("errors").GetProperty("expectedBy")[0].GetString().ShouldBe(rule);
        }
        // Who may, before what: the owner may not press the supplier's button, whatever the day.
        (await owner.PostAsJsonAsync($"api/chat/messages/{message.Id}/actions/confirm-order", new { expectedBy = today.AddDays(-1) }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var press = await supplier.PostAsJsonAsync($"api/chat/messages/{message.Id}/actions/confirm-order", new { expectedBy = today.AddDays(5) });
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.PurchaseOrderId == order).ToList()), l => l.Count > 0,
            what: "the confirmation request")).ShouldHaveSingleItem().Message;
        request.ExpectedBy.ShouldBe(today.AddDays(5));

        // Purchasing's answer: as many as ordered, two days later than asked.
        await fixture.Publish(new PurchaseOrderConfirmed(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 100, 100)], false, "supplier", "供应商陈", DateTimeOffset.UtcNow)
        {
            ExpectedBy = new DateOnly(2026, 3, 6), OrderedExpectedBy = new DateOnly(2026, 3, 4),
        });

        var done = await CardAsync(owner, channel, m => m.Id == message.Id && m.Card?.Status == "done", "the confirmed card");
        (done.Card!.Resolution, done.Card.ResolvedBy).ShouldBe(("已确认订单(到货日期有调整)", "供应商陈"));
        done.Card.Fields.Single(f => f.Label == "预计到货").Value.ShouldBe("2026-03-06(原定 2026-03-04)");
        done.Card.Fields.Single(f => f.Label == "晨光荧光笔 黄色").Value.ShouldBe("100 支");
        var note = await CardAsync(owner, channel, m => m.ReplyTo == message.Id && m.Text.StartsWith("⚠️"), "the owner's heads-up");
        note.Text.ShouldBe($"⚠️ 供应商陈 调整了采购单 {order} 的到货日期:2026-03-04 → 2026-03-06 @张店长");
        note.Mentions.ShouldBe(["owner"]);
    }

    [Fact]
    public async Task A_short_delivery_raises_an_important_discrepancy_card_the_supplier_answers_with_backorder()
    {
        var channel = await RegisterSupplierAsync(Chenguang, "晨光文具供应商");
        var acknowledgements = await fixture.Bus.ObserveAsync<DeliveryDiscrepancyAcknowledged>();
        using var owner = fixture.ClientFor("owner");
        using var supplier = fixture.ClientFor("supplier");
        var order = $"PO-{Guid.NewGuid():N}"[..15];
        await fixture.Publish(new PurchaseOrderPlaced(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "黄色", "支", 100)], new DateOnly(2026, 3, 4), "owner", "张店长", DateTimeOffset.UtcNow));
        var orderCard = await CardAsync(owner, channel, m => m.Card?.PurchaseOrderId == order && m.Card.Kind == "purchase-order", "the order card");
        var confirmedAt = DateTimeOffset.UtcNow;
        await fixture.Publish(new PurchaseOrderConfirmed(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 100, 100)], false, "supplier", "供应商陈", confirmedAt)
        {
            ExpectedBy = new DateOnly(2026, 3, 4), OrderedExpectedBy = new DateOnly(2026, 3, 4),
        });
        var confirmation = await CardAsync(owner, channel, m => m.ReplyTo == orderCard.Id && m.Text.StartsWith("✅"), "the confirmation in the thread");
        confirmation.Text.ShouldBe($"✅ 供应商陈 确认了采购单 {order}:晨光荧光笔 100 支,预计 2026-03-04 到货");
        confirmation.Mentions.ShouldBeEmpty("a confirmation as ordered notifies nobody");

        await fixture.Publish(new GoodsReceived(ChatFixture.Tenant, "main", order, "R-1", Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 50, 50, 100)], false, "owner", "张店长", DateTimeOffset.UtcNow));
        await fixture.Publish(new DeliveryDiscrepancyRaised(ChatFixture.Tenant, "main", order, "R-1", Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 100, 100, 50)], DateTimeOffset.UtcNow));

        var received = await CardAsync(supplier, channel, m => m.ReplyTo == orderCard.Id && m.Text.StartsWith("📦"), "the receipt note");
        received.Text.ShouldBe("📦 总店 已收货:晨光荧光笔 50 支(累计 50/100)");
        var discrepancy = await CardAsync(supplier, channel, m => m.Card?.Kind == "delivery-discrepancy" && m.Card.PurchaseOrderId == order,
            "the discrepancy card");
        discrepancy.Important.ShouldBeTrue();
        discrepancy.ReplyTo.ShouldBe(orderCard.Id);
        discrepancy.Mentions.Order().ShouldBe(["owner", "supplier"]);
        discrepancy.Card!.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("门店", "总店"), ("晨光荧光笔", "订购 100 / 确认 100 / 实收 50 支")]);
        discrepancy.Card.Actions.Select(a => a.Label).ShouldBe(["补发", "开红字发票"]);
        // Where the figures were agreed: the order as sent (its card) and the supplier's confirmation, as links to open.
        discrepancy.Card.Links.ShouldNotBeNull().Select(l => (l.Kind, l.Label, l.ChannelId, l.MessageId, l.Seq, l.By)).ShouldBe([
            ("order", "订单原文", channel, orderCard.Id, orderCard.Seq, (string?)null),
            ("confirmation", "供应商确认 · 供应商陈", channel, confirmation.Id, confirmation.Seq, "供应商陈"),
        ]);
        discrepancy.Card.Links![0].At.ShouldBe(orderCard.PostedAt);
        discrepancy.Card.Links![1].At.ShouldBe(confirmedAt, TimeSpan.FromMilliseconds(1));

        (await owner.PostAsync($"api/chat/messages/{discrepancy.Id}/actions/acknowledge-backorder", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var press = await supplier.PostAsync($"api/chat/messages/{discrepancy.Id}/actions/acknowledge-backorder", null);
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var answered = (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!;
        (answered.Status, answered.Resolution, answered.ResolvedBy).ShouldBe(("done", "已确认到货差异:补发", "供应商陈"));
        (await supplier.PostAsync($"api/chat/messages/{discrepancy.Id}/actions/acknowledge-credit-note", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var ack = (await Probe.Until(() => Task.FromResult(acknowledgements.Where(a => a.Message.PurchaseOrderId == order).ToList()), l => l.Count > 0,
            what: "the acknowledgement")).ShouldHaveSingleItem().Message;
        (ack.Settlement, ack.ReceiptId, ack.SupplierId, ack.AcknowledgedBy, ack.ChatMessageId).ShouldBe(("backorder", "R-1", Chenguang, "supplier", discrepancy.Id));
    }

    [Fact]
    public async Task A_confirmation_that_overtakes_its_order_leaves_the_card_already_confirmed()
    {
        var channel = await RegisterSupplierAsync(Chenguang, "晨光文具供应商");
        using var owner = fixture.ClientFor("owner");
        var order = $"PO-{Guid.NewGuid():N}"[..15];

        await fixture.Publish(new PurchaseOrderConfirmed(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 10, 8)], true, "supplier", "供应商陈", DateTimeOffset.UtcNow)
        {
            ExpectedBy = new DateOnly(2026, 3, 6), OrderedExpectedBy = new DateOnly(2026, 3, 4),
        });
        await Probe.Until(async () =>
        {
            await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return await session.LoadAsync<PurchaseOrderCard>(order) is { Outcome: not null };
        }, what: "the confirmation kept for the card");
        await fixture.Publish(new PurchaseOrderPlaced(ChatFixture.Tenant, "main", order, Chenguang, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "黄色", "支", 10)], new DateOnly(2026, 3, 4), "owner", "张店长", DateTimeOffset.UtcNow));

        // Posted late, the card still shows what was agreed: the confirmed quantity and the agreed day.
        var card = (await CardAsync(owner, channel, m => m.Card?.PurchaseOrderId == order, "the order card")).Card!;
        (card.Status, card.ResolvedBy).ShouldBe(("done", "供应商陈"));
        card.Resolution.ShouldStartWith("已确认订单");
        card.Fields.Single(f => f.Label == "晨光荧光笔 黄色").Value.ShouldBe("确认 8 支(订购 10)");
        card.Fields.Single(f => f.Label == "预计到货").Value.ShouldBe("2026-03-06(原定 2026-03-04)");
        card.Actions.ShouldBeEmpty();
    }
}
