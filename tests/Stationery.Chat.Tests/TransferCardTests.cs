using System.Net;
using System.Net.Http.Json;
using Marten;
using Stationery.Chat.Messages;
using Stationery.Chat.Transfers;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// 调拨 in chat: Inventory's TransferDispatched becomes one card with 收货 in the receiving branch's 库存监控; pressing it publishes
/// TransferReceiptRequestedFromChat; Inventory's TransferReceived (or TransferReceiptRefused) closes the card, and the sending
/// branch's 库存监控 hears that it arrived and what was short.
/// </summary>
public sealed class TransferCardTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string EastWatch = "east-stock-watch", MainWatch = "main-stock-watch";

    private static TransferDispatched Dispatched(string id) => new(ChatFixture.Tenant, id, "main", "east",
        [new("DL-1", "得力中性笔", "0.5mm 黑色", "支", 20), new("MG-2", "晨光荧光笔", "黄色", "支", 6)], "开学季补货", "张店长", DateTimeOffset.UtcNow);

    private static TransferReceived Received(string id, string? card, int pens, int outstandingPens) => new(ChatFixture.Tenant, id, "main", "east",
        [new("DL-1", "得力中性笔", "0.5mm 黑色", "支", pens), new("MG-2", "晨光荧光笔", "黄色", "支", 6)],
        outstandingPens == 0 ? [] : [new("DL-1", "得力中性笔", "0.5mm 黑色", "支", outstandingPens)], "小周", DateTimeOffset.UtcNow)
    { ChatMessageId = card };

    private static string NewId() => $"T-20261203-{Guid.NewGuid():N}"[..17].ToUpperInvariant();

    private async Task<MessageDto> CardAsync(HttpClient client, string id, Func<MessageDto, bool>? until = null) =>
        (await Probe.Until(() => ChatFixture.MessagesAsync(client, EastWatch),
            l => l.Any(m => m.Card?.TransferId == id && (until is null || until(m))), what: $"the card of transfer {id}"))
        .Single(m => m.Card?.TransferId == id);

    private async Task<bool> HandledAsync(string consumer, Guid messageId)
    {
        await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
        return await session.LoadAsync<ProcessedMessage>(ProcessedMessage.Key(consumer, messageId)) is not null;
    }

    [Fact]
    public async Task A_sent_transfer_puts_one_card_with_receive_in_the_receiving_branchs_stock_watch_even_when_delivered_twice()
    {
        using var clerkEast = fixture.ClientFor("clerk-east");
        var id = NewId();
        var first = Guid.NewGuid();
        var replayed = Guid.NewGuid();

        // Delivered twice at once, then replayed later under a new MessageId (as ./stationery replay re-sends from the event
        // store): the replay finds the card and adds nothing. (A replay racing the first delivery collides on the card and is
        // acknowledged as a duplicate without an inbox row of its own, so the test does not wait for that one's row.)
        await fixture.Publish(Dispatched(id), first);
        await fixture.Publish(Dispatched(id), first);
        await Probe.Until(() => HandledAsync(nameof(TransferDispatchedConsumer), first), what: "the dispatch handled");
        await fixture.Publish(Dispatched(id), replayed);
        await Probe.Until(() => HandledAsync(nameof(TransferDispatchedConsumer), replayed), what: "the replayed dispatch handled");

        var card = await CardAsync(clerkEast, id);
        (await ChatFixture.MessagesAsync(clerkEast, EastWatch)).Count(m => m.Card?.TransferId == id).ShouldBe(1);
        card.Card!.Title.ShouldBe($"调拨到货 · 来自总店 · {id}");
        card.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe(
            [("得力中性笔 0.5mm 黑色", "20 支"), ("晨光荧光笔 黄色", "6 支"), ("备注", "开学季补货"), ("调出人", "张店长")]);
        card.Card.Actions.Select(a => (a.Id, a.Label)).ShouldBe([("receive-transfer", "收货")]);
        (card.Card.Status, card.Card.Branch).ShouldBe(("open", "east"));
        card.Text.ShouldContain("总店 调拨 2 种商品到本店");
    }

    [Fact]
    public async Task Pressing_receive_asks_inventory_once_and_the_card_and_the_sender_hear_the_arrival()
    {
        var requests = await fixture.Bus.ObserveAsync<TransferReceiptRequestedFromChat>();
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var owner = fixture.ClientFor("owner");
        var id = NewId();
        await fixture.Publish(Dispatched(id));
        var card = await CardAsync(clerkEast, id);

        var press = await clerkEast.PostAsync($"api/chat/messages/{card.Id}/actions/receive-transfer", null);
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var pending = (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!;
        (pending.Status, pending.ResolvedBy, pending.Resolution).ShouldBe(("pending", "小周", "正在收货…"));
        var again = await clerkEast.PostAsync($"api/chat/messages/{card.Id}/actions/receive-transfer", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.TransferId == id).ToList()), l => l.Count > 0,
            what: "TransferReceiptRequestedFromChat")).ShouldHaveSingleItem().Message;
        (request.BranchId, request.RequestedBy, request.RequestedByName, request.ChatMessageId).ShouldBe(("east", "clerk-east", "小周", card.Id));
        request.RequestedByRoles.ShouldBe(["clerk"]);
        request.RequestedByBranches.ShouldBe(["east"]);

        await fixture.Publish(Received(id, card.Id, 20, 0));

        var done = (await CardAsync(clerkEast, id, m => m.Card!.Status == "done")).Card!;
        (done.Resolution, done.ResolvedBy).ShouldBe(("已收货：全部到齐（小周）", "小周"));
        done.Actions.ShouldBeEmpty();
        var note = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, MainWatch), l => l.Any(m => m.Text.Contains(id)),
            what: "the arrival note in 总店's 库存监控")).Single(m => m.Text.Contains(id));
        note.Text.ShouldBe($"调拨单 {id} 已到 东区店（小周 收货）：得力中性笔 0.5mm 黑色 20 支、晨光荧光笔 黄色 6 支，全部到齐。");
        requests.Count(r => r.Message.TransferId == id).ShouldBe(1);
    }

    [Fact]
    public async Task A_partial_receipt_in_the_app_leaves_the_card_open_for_the_rest_and_tells_the_sender_what_is_short()
    {
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var owner = fixture.ClientFor("owner");
        var id = NewId();
        await fixture.Publish(Dispatched(id));
        await CardAsync(clerkEast, id);

        await fixture.Publish(Received(id, null, 15, 5));

        var partly = (await CardAsync(clerkEast, id, m => m.Card!.Resolution is not null)).Card!;
        (partly.Status, partly.ResolvedBy).ShouldBe(("open", null));
        partly.Resolution.ShouldBe("部分收货：已收 得力中性笔 0.5mm 黑色 15 支、晨光荧光笔 黄色 6 支；未到 得力中性笔 0.5mm 黑色 5 支（小周）");
        partly.Actions.Select(a => (a.Id, a.Label)).ShouldBe([("receive-transfer", "收取其余")]);
        var note = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, MainWatch), l => l.Any(m => m.Text.Contains(id)),
            what: "the arrival note")).Single(m => m.Text.Contains(id));
        note.Text.ShouldBe($"调拨单 {id} 部分到 东区店（小周 收货）：收到 得力中性笔 0.5mm 黑色 15 支、晨光荧光笔 黄色 6 支；短缺 得力中性笔 0.5mm 黑色 5 支。");
    }

    [Fact]
    public async Task A_clerk_of_another_branch_cannot_press_receive_and_a_refusal_from_inventory_is_shown_on_the_card()
    {
        var requests = await fixture.Bus.ObserveAsync<TransferReceiptRequestedFromChat>();
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var clerkMain = fixture.ClientFor("clerk");
        var id = NewId();
        await fixture.Publish(Dispatched(id));
        var card = await CardAsync(clerkEast, id);

        (await clerkMain.PostAsync($"api/chat/messages/{card.Id}/actions/receive-transfer", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await clerkEast.PostAsync($"api/chat/messages/{card.Id}/actions/receive-transfer", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.TransferId == id).ToList()), l => l.Count > 0, what: "the request");
        const string why = "调拨单 X 已于 2026-12-03 09:00 由 张店长 收货 (already received by 张店长).";
        await fixture.Publish(new TransferReceiptRefused(ChatFixture.Tenant, "east", id, "already-received", why, "小周", card.Id, DateTimeOffset.UtcNow));

        var refused = (await CardAsync(clerkEast, id, m => m.Card!.Status == "done")).Card!;
        refused.Resolution.ShouldBe(why);
        requests.Where(r => r.Message.TransferId == id).ShouldHaveSingleItem().Message.RequestedBy.ShouldBe("clerk-east");
    }
}
