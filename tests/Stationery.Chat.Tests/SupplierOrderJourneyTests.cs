using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Inventory;
using Stationery.Purchasing;
using Stationery.Purchasing.Catalogue;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// Chat and Purchasing side by side on one database and one RabbitMQ virtual host, talking only through their contracts:
/// an order placed in Purchasing becomes a card in the supplier's channel, the supplier's press confirms it in Purchasing,
/// and the supplier's answer to a short delivery lands on the order's timeline.
/// </summary>
public sealed class SupplierOrderJourneyTests : IAsyncLifetime
{
    private const string Chain = "demo";
    private IsolatedServers servers = null!;
    private ServiceFactory<ChatService> chat = null!;
    private ServiceFactory<PurchasingService> purchasing = null!;
    private IntegratorBus bus = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync(nameof(SupplierOrderJourneyTests));
        chat = new ServiceFactory<ChatService>(servers);
        purchasing = new ServiceFactory<PurchasingService>(servers);
        chat.Start();
        purchasing.Start();
        bus = await IntegratorBus.StartAsync(servers);
        var at = DateTimeOffset.UtcNow;
        await bus.Publish(new BranchOpened(Chain, "main", "总店", "Asia/Shanghai", at));
        await bus.Publish(new StaffMemberAdded(Chain, "owner", "owner", "张店长", ["owner"], ["main"], null, at));
        await bus.Publish(new ProductRegistered(Chain, "HL-Y", "晨光荧光笔", "黄色", "晨光", "笔类", "支", null, 3.5m, 1, at));
        await Probe.Until(async () =>
        {
            await using var session = purchasing.Service<IDocumentStore>().QuerySession(Chain);
            return await session.LoadAsync<ProductCopy>("HL-Y") is not null;
        }, what: "Purchasing's copy of the product");
    }

    public async Task DisposeAsync()
    {
        await bus.DisposeAsync();
        await chat.DisposeAsync();
        await purchasing.DisposeAsync();
        await servers.DisposeAsync();
    }

    private static async Task<MessageDto> MessageAsync(HttpClient client, string channel, Func<MessageDto, bool> which, string what) =>
        (await Probe.Until(() => ChatFixture.MessagesAsync(client, channel), ms => ms.Any(which), what: what)).Last(which);

    [Fact]
    public async Task An_order_placed_in_purchasing_is_confirmed_by_the_supplier_from_its_chat_card_and_a_short_delivery_is_answered_with_backorder()
    {
        var ownerToken = TestTokens.Issue(Chain, "owner", ["owner"], ["main"], "张店长");
        using var buyer = purchasing.ClientFor(ownerToken);
        using var owner = chat.ClientFor(ownerToken);
        var registered = await buyer.PostAsJsonAsync("api/purchasing/suppliers",
            new { name = "晨光文具供应商", contact = "王经理", leadTimeDays = 3, categories = new[] { "笔类" } });
        registered.EnsureSuccessStatusCode();
        var supplierId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await bus.Publish(new StaffMemberAdded(Chain, "wang", "wang", "王经理", ["supplier"], [], supplierId, DateTimeOffset.UtcNow));
        var guestToken = TestTokens.IssueSupplierGuest(Chain, "wang", supplierId, "王经理");
        using var guest = chat.ClientFor(guestToken);
        using var guestInPurchasing = purchasing.ClientFor(guestToken);
        var channel = SupplierChannels.Id(supplierId);
        await Probe.Until(() => ChatFixture.ChannelsAsync(guest), cs => cs.Any(c => c.Id == channel), what: "the guest in the supplier's channel");
        await Probe.Until(() => ChatFixture.ChannelsAsync(owner), cs => cs.Any(c => c.Id == channel), what: "the owner in the supplier's channel");

        var placed = await buyer.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId, lines = new[] { new { sku = "HL-Y", quantity = 100 } } });
        placed.EnsureSuccessStatusCode();
        var orderJson = await placed.Content.ReadFromJsonAsync<JsonElement>();
        var order = (orderJson.ValueKind == JsonValueKind.Array ? orderJson[0] : orderJson).GetProperty("id").GetString()!;

        var card = await MessageAsync(guest, channel, m => m.Card?.PurchaseOrderId == order, "the order card in the supplier's channel");
        card.Card!.Fields.ShouldContain(f => f.Label == "晨光荧光笔 黄色" && f.Value == "100 支");
        // The supplier confirms from the card, two days later than the order asked (lead time 3 days).
        var asked = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd");
        var agreed = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd");
        (await guest.PostAsJsonAsync($"api/chat/messages/{card.Id}/actions/confirm-order", new { expectedBy = agreed }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var confirmed = await MessageAsync(owner, channel, m => m.Id == card.Id && m.Card?.Status == "done", "the card confirmed by Purchasing");
        (confirmed.Card!.Resolution, confirmed.Card.ResolvedBy).ShouldBe(("已确认订单(到货日期有调整)", "王经理"));
        confirmed.Card.Fields.Single(f => f.Label == "预计到货").Value.ShouldBe($"{agreed}(原定 {asked})");
        var heads = await MessageAsync(owner, channel, m => m.ReplyTo == card.Id && m.Text.StartsWith("⚠️"), "the owner told of the new day");
        heads.Text.ShouldBe($"⚠️ 王经理 调整了采购单 {order} 的到货日期:{asked} → {agreed} @张店长");
        var view = await guestInPurchasing.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{order}");
        view.GetProperty("status").GetString()!.ShouldBe("Confirmed", StringCompareShould.IgnoreCase);
        (view.GetProperty("expectedBy").GetString(), view.GetProperty("orderedExpectedBy").GetString()).ShouldBe((agreed, asked));

        (await buyer.PostAsJsonAsync($"api/purchasing/purchase-orders/{order}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 50 } } }))
            .EnsureSuccessStatusCode();
        var discrepancy = await MessageAsync(guest, channel, m => m.Card?.Kind == "delivery-discrepancy", "the discrepancy card");
        discrepancy.Card!.Fields.ShouldContain(f => f.Value == "订购 100 / 确认 100 / 实收 50 支");
        // It cites where the figures were agreed: the order card and the supplier's confirmation in its thread.
        discrepancy.Card.Links.ShouldNotBeNull().Select(l => (l.Kind, l.ChannelId, l.MessageId, l.Seq)).ShouldBe([
            ("order", channel, card.Id, card.Seq), ("confirmation", channel, heads.Id, heads.Seq)]);
        discrepancy.Card.Links![1].By.ShouldBe("王经理");
        (await guest.PostAsync($"api/chat/messages/{discrepancy.Id}/actions/acknowledge-backorder", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var timeline = await Probe.Until(async () => (await buyer.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{order}"))
                .GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList(),
            t => t.Any(x => x.Contains("确认到货差异")), what: "the acknowledgement on the order's timeline");
        timeline.ShouldContain("王经理 确认到货差异:补发");
        timeline.ShouldContain($"王经理 确认订单:晨光荧光笔 100支,到货日期改为 {agreed}(原定 {asked})");
    }
}
