using System.Net;
using System.Net.Http.Json;
using Marten;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// A supplier's 报价 line in its order channel → moved to its price channel → the bot's card there → 确认报价 by a cost role → the request Purchasing consumes →
/// Purchasing's answer closes the card. Against real servers, Purchasing played by the integrator bus.
/// </summary>
public sealed class SupplierQuoteTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static readonly string Channel = SupplierChannels.Id(ChatFixture.SupplierId);
    private static readonly string PriceChannel = PriceChannels.Id(ChatFixture.SupplierId);

    [Fact]
    public async Task A_quote_posted_by_the_supplier_is_confirmed_by_the_owner_on_the_bots_card_and_closed_when_purchasing_records_it()
    {
        await fixture.Publish(new SupplierRegistered(ChatFixture.Tenant, ChatFixture.SupplierId, "晨光文具供应商", "王经理", 3, ["笔类"], DateTimeOffset.UtcNow));
        await fixture.Publish(new ProductRegistered(ChatFixture.Tenant, "HL-Y", "晨光荧光笔", "黄色", "晨光", "笔类", "支", null, 3.5m, 10, DateTimeOffset.UtcNow));
        var store = fixture.Chat.Service<IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var session = store.QuerySession(ChatFixture.Tenant);
            return await session.LoadAsync<CatalogueItem>("HL-Y") is not null;
        }, what: "Chat's catalogue copy");
        var confirmations = await fixture.Bus.ObserveAsync<SupplierQuoteConfirmedInChat>();
        using var supplier = fixture.ClientFor("supplier");
        using var owner = fixture.ClientFor("owner");
        using var clerk = fixture.ClientFor("clerk");
        await Probe.Until(() => ChatFixture.ChannelsAsync(supplier), cs => cs.Any(c => c.Id == Channel), what: "the guest in its channel");

        var posted = await supplier.PostAsJsonAsync($"api/chat/channels/{Channel}/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), text = "报价【HL-Y】1.20 100 每盒10支 有效期至 2099-12-31" });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var quote = (await posted.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        quote.ChannelId.ShouldBe(PriceChannel, "a price goes to the price channel");

        var answer = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, PriceChannel, quote.Seq), ms => ms.Any(m => m.ReplyTo == quote.Id),
            what: "the bot's quote card")).Single(m => m.ReplyTo == quote.Id);
        answer.Text.ShouldBe("💰 供应商陈 报价:晨光荧光笔 黄色,请确认后登记 @总部王 @张店长");
        answer.Mentions.Order().ShouldBe(["hq", "owner"]);
        var card = answer.Card!;
        (card.Kind, card.Status).ShouldBe(("supplier-quote", "open"));
        card.Fields.Where(f => f.Priced).Select(f => f.Label).ShouldBe(["单价"]);
        card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([
            ("商品", "晨光荧光笔 黄色(HL-Y)"), ("单价", "¥1.20 / 支"), ("起订量", "100 支"), ("包装", "每包 10 支"), ("有效期至", "2099-12-31")]);

        (await clerk.PostAsync($"api/chat/messages/{answer.Id}/actions/confirm-quote", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supplier.PostAsync($"api/chat/messages/{answer.Id}/actions/confirm-quote", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var press = await owner.PostAsync($"api/chat/messages/{answer.Id}/actions/confirm-quote", null);
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!.Status.ShouldBe("pending");

        var request = (await Probe.Until(() => Task.FromResult(confirmations.Where(c => c.Message.ChatMessageId == answer.Id).ToList()),
            l => l.Count > 0, what: "the quote confirmation for Purchasing")).ShouldHaveSingleItem().Message;
        request.ShouldBe(request with
        {
            TenantId = ChatFixture.Tenant, SupplierId = ChatFixture.SupplierId, Sku = "HL-Y", UnitCost = 1.20m, MinOrderQty = 100,
            ValidUntil = new DateOnly(2099, 12, 31), QuotedBy = "supplier", ConfirmedBy = "owner", ConfirmedByName = "张店长", QuoteMessageId = quote.Id,
            PackSize = 10,
        });
        request.ConfirmedByRoles.ShouldBe(["owner"]);

        await fixture.Publish(new SupplierQuoteRecorded(ChatFixture.Tenant, ChatFixture.SupplierId, "HL-Y", 100, new DateOnly(2099, 12, 31), "owner",
            answer.Id, DateTimeOffset.UtcNow));
        var done = await Probe.Until(async () => (await ChatFixture.MessagesAsync(owner, PriceChannel, answer.Seq - 1)).Single(m => m.Id == answer.Id),
            m => m.Card!.Status == "done", what: "the card closed by Purchasing's answer");
        (done.Card!.Resolution, done.Card.ResolvedBy).ShouldBe(("已登记报价,有效期至 2099-12-31", "张店长"));
        done.Card.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_delivery_notice_and_damaged_units_are_told_in_the_orders_thread()
    {
        await fixture.Publish(new SupplierRegistered(ChatFixture.Tenant, ChatFixture.SupplierId, "晨光文具供应商", "王经理", 3, ["笔类"], DateTimeOffset.UtcNow));
        using var owner = fixture.ClientFor("owner");
        var order = $"PO-{Guid.NewGuid():N}"[..15];
        await fixture.Publish(new PurchaseOrderPlaced(ChatFixture.Tenant, "main", order, ChatFixture.SupplierId, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "黄色", "支", 100)], new DateOnly(2026, 3, 4), "owner", "张店长", DateTimeOffset.UtcNow));
        var card = (await Probe.Until(() => OpenedMessagesAsync(owner), ms => ms.Any(m => m.Card?.PurchaseOrderId == order), what: "the order card"))
            .Single(m => m.Card?.PurchaseOrderId == order && m.Card.Kind == "purchase-order");

        await fixture.Publish(new DeliveryAnnounced(ChatFixture.Tenant, "main", order, ChatFixture.SupplierId, "晨光文具供应商", new DateOnly(2026, 3, 3),
            [new AnnouncedLine("HL-Y", "晨光荧光笔", "支", 100)], "顺丰 SF123", "supplier", "供应商陈", DateTimeOffset.UtcNow));
        await fixture.Publish(new GoodsReceived(ChatFixture.Tenant, "main", order, "R-1", ChatFixture.SupplierId, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 96, 96, 100, 4)], false, "owner", "张店长", DateTimeOffset.UtcNow));
        await fixture.Publish(new DeliveryDiscrepancyRaised(ChatFixture.Tenant, "main", order, "R-1", ChatFixture.SupplierId, "晨光文具供应商",
            [new("HL-Y", "晨光荧光笔", "支", 100, 100, 96, 4)], DateTimeOffset.UtcNow));

        var thread = await Probe.Until(async () => (await OpenedMessagesAsync(owner)).Where(m => m.ReplyTo == card.Id).ToList(), ms => ms.Count == 3,
            what: "the notice, the receipt note and the discrepancy card in the order's thread");
        var notice = thread.Single(m => m.Text.StartsWith("🚚"));
        notice.Text.ShouldBe($"🚚 供应商陈 通知发货 · 采购单 {order}(总店):晨光荧光笔 100 支,预计 2026-03-03 到货(顺丰 SF123) @张店长");
        notice.Mentions.ShouldBe(["owner"]);
        thread.Single(m => m.Text.StartsWith("📦")).Text.ShouldBe("📦 总店 已收货:晨光荧光笔 96 支,破损 4 支(累计 96/100)");
        thread.Single(m => m.Card?.Kind == "delivery-discrepancy").Card!.Fields.Last().Value.ShouldBe("订购 100 / 确认 100 / 实收 96 支 / 破损 4 支");
    }

    private static async Task<List<MessageDto>> OpenedMessagesAsync(HttpClient client)
    {
        try { return await ChatFixture.MessagesAsync(client, Channel); }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound) { return []; }
    }
}
