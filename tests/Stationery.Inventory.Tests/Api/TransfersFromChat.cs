using System.Text.Json;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>
/// Transfers as the bus hears them (TransferDispatched, TransferReceived), and 收货 pressed on the chat card
/// (TransferReceiptRequestedFromChat, as Chat publishes it): taken in once, refused with a reason otherwise.
/// </summary>
public sealed class TransfersFromChat(InventoryHost host) : IClassFixture<InventoryHost>
{
    private Task<IntegratorBus> IntegratorAsync() => IntegratorBus.StartAsync(host.Servers, $"inventory-tests-transfers-{Guid.NewGuid():N}",
        h => h.Of<TransferDispatched>().Of<TransferReceived>().Of<TransferReceiptRefused>());

    private async Task<(string Sku, string Id)> SendAsync(int quantity)
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"TC-{Guid.NewGuid():N}"[..16], name: "得力中性笔");
        await (await owner.ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);
        var sent = await host.Manager("main").PostAsJsonAsync("api/inventory/branches/main/transfers",
            new { toBranch = "east", lines = new[] { new { sku, quantity } }, note = "开学季补货" });
        await sent.ShouldBe(201);
        return (sku, (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private async Task<(int OnHand, int InTransit)> EastStockAsync(string sku)
    {
        var stock = (await host.Owner().JsonAsync($"api/inventory/branches/east/stock/{sku}")).GetProperty("stock");
        return (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("inTransit").GetInt32());
    }

    private static TransferReceiptRequestedFromChat Pressed(string id, string card, string user, string name, string[] roles, string[] branches) =>
        new("demo", "east", id, user, name, roles, branches, card, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_sent_transfer_is_published_with_its_lines_and_note()
    {
        await using var bus = await IntegratorAsync();
        var (sku, id) = await SendAsync(7);

        var dispatched = (await Probe.Until(() => Task.FromResult(bus.Received<TransferDispatched>().Where(t => t.TransferId == id).ToList()),
            l => l.Count > 0, what: "TransferDispatched")).ShouldHaveSingleItem();
        (dispatched.TenantId, dispatched.FromBranch, dispatched.ToBranch, dispatched.Note).ShouldBe(("demo", "main", "east", "开学季补货"));
        dispatched.Lines.ShouldHaveSingleItem().ShouldBe(new TransferredLine(sku, "得力中性笔", "黄色", "支", 7));
    }

    [Fact]
    public async Task Pressing_receive_twice_on_the_card_takes_the_transfer_in_once_and_the_second_press_is_refused_as_already_received()
    {
        await using var bus = await IntegratorAsync();
        var (sku, id) = await SendAsync(7);
        var card = Guid.NewGuid().ToString();
        var press = Pressed(id, card, "clerk-east", "小周", ["clerk"], ["east"]);
        var messageId = Guid.NewGuid();

        await bus.Publish(press, messageId);
        await bus.Publish(press, messageId);
        var received = (await Probe.Until(() => Task.FromResult(bus.Received<TransferReceived>().Where(t => t.TransferId == id).ToList()),
            l => l.Count > 0, what: "TransferReceived")).ShouldHaveSingleItem();
        (received.FromBranch, received.ToBranch, received.ReceivedBy, received.ChatMessageId).ShouldBe(("main", "east", "小周", card));
        received.Received.ShouldHaveSingleItem().Quantity.ShouldBe(7);
        received.Outstanding.ShouldBeEmpty();
        (await EastStockAsync(sku)).ShouldBe((7, 0));

        await bus.Publish(press with { OccurredAt = DateTimeOffset.UtcNow });
        var refused = (await Probe.Until(() => Task.FromResult(bus.Received<TransferReceiptRefused>().Where(t => t.TransferId == id).ToList()),
            l => l.Count > 0, what: "TransferReceiptRefused")).ShouldHaveSingleItem();
        (refused.Reason, refused.BranchId, refused.ChatMessageId, refused.RequestedByName).ShouldBe(("already-received", "east", card, "小周"));
        refused.Explanation.ShouldStartWith($"调拨单 {id} 已于");
        (await EastStockAsync(sku)).ShouldBe((7, 0));
        bus.Received<TransferReceived>().Count(t => t.TransferId == id).ShouldBe(1);
        var transfer = await host.Owner().JsonAsync($"api/inventory/branches/east/transfers/{id}");
        (transfer.GetProperty("status").GetString(), transfer.GetProperty("receivedBy").GetString()).ShouldBe(("received", "小周"));
    }

    [Fact]
    public async Task A_clerk_of_another_branch_cannot_receive_from_the_card_and_nothing_moves()
    {
        await using var bus = await IntegratorAsync();
        var (sku, id) = await SendAsync(4);
        var card = Guid.NewGuid().ToString();

        await bus.Publish(Pressed(id, card, "clerk", "小李", ["clerk"], ["main"]));

        var refused = (await Probe.Until(() => Task.FromResult(bus.Received<TransferReceiptRefused>().Where(t => t.TransferId == id).ToList()),
            l => l.Count > 0, what: "TransferReceiptRefused")).ShouldHaveSingleItem();
        (refused.Reason, refused.Explanation).ShouldBe(("not-permitted", "小李 不属于门店 east，不能为它收货 (小李 does not work at branch 'east' and cannot receive for it)."));
        (await EastStockAsync(sku)).ShouldBe((0, 4));
        var transfer = await host.Owner().JsonAsync($"api/inventory/branches/east/transfers/{id}");
        transfer.GetProperty("status").GetString().ShouldBe("in-transit");
    }

    [Fact]
    public async Task A_partial_receipt_in_the_app_is_published_with_what_is_still_on_the_way()
    {
        await using var bus = await IntegratorAsync();
        var (sku, id) = await SendAsync(7);

        await (await host.Clerk("east").PostAsJsonAsync($"api/inventory/branches/east/transfers/{id}/receive",
            new { lines = new[] { new { sku, quantity = 5 } } })).ShouldBe(200);

        var received = (await Probe.Until(() => Task.FromResult(bus.Received<TransferReceived>().Where(t => t.TransferId == id).ToList()),
            l => l.Count > 0, what: "TransferReceived")).ShouldHaveSingleItem();
        received.Received.ShouldHaveSingleItem().Quantity.ShouldBe(5);
        received.Outstanding.ShouldHaveSingleItem().Quantity.ShouldBe(2);
        received.ChatMessageId.ShouldBeNull();
    }
}
