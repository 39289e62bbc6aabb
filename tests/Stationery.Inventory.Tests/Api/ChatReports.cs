using System.Text.Json;
using Stationery.Contracts.Chat;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>Chat's stock reports and spot counts arriving over the bus, as Chat publishes them; Inventory's answers heard on the bus.</summary>
public sealed class ChatReports(InventoryHost host) : IClassFixture<InventoryHost>
{
    private static string Sku() => $"CR-{Guid.NewGuid():N}"[..16];

    private Task<IntegratorBus> IntegratorAsync() => IntegratorBus.StartAsync(host.Servers, $"inventory-tests-chat-{Guid.NewGuid():N}",
        h => h.Of<StockObservationCompared>().Of<SpotCountRecorded>().Of<StockAdjusted>());

    [Fact]
    public async Task A_house_format_report_is_compared_with_the_books_on_the_ledger_and_the_comparison_is_published()
    {
        await using var chat = await IntegratorAsync();
        var owner = host.Owner();
        var sku = await owner.RegisterAsync(Sku());
        await (await owner.PolicyAsync("main", sku, reorderPoint: 5, maxLevel: 40)).ShouldBe(200);
        await (await owner.ReceiveAsync("main", "R-1", (sku, 8))).ShouldBe(200);
        var said = Guid.NewGuid().ToString();
        var card = Guid.NewGuid().ToString();

        await chat.Publish(new StockReportedInChat("demo", "main", "main-group", said, card, sku, 3, 20, "clerk", DateTimeOffset.UtcNow));

        var compared = (await Probe.Until(() => Task.FromResult(chat.Received<StockObservationCompared>().Where(c => c.Sku == sku).ToList()),
            l => l.Count > 0, what: "StockObservationCompared")).ShouldHaveSingleItem();
        compared.ShouldBe(compared with
        {
            TenantId = "demo", BranchId = "main", ProductName = "晨光荧光笔", Spec = "黄色", Unit = "支", ReportedOnHand = 3, SystemOnHand = 8,
            Difference = -5, OnOrder = 0, InTransit = 0, SuggestedQuantity = 20, SystemSuggestedQuantity = 36, ChannelId = "main-group",
            ChatMessageId = said, ReplyMessageId = card, ReportedBy = "clerk",
        });
        var history = await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}");
        history.GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(8);
        var observed = history.GetProperty("ledger").EnumerateArray().Last();
        (observed.GetProperty("kind").GetString(), observed.GetProperty("quantity").GetInt32(), observed.GetProperty("balance").GetInt32(),
            observed.GetProperty("source").GetString(), observed.GetProperty("by").GetString())
            .ShouldBe(("observed", 0, 8, $"chat:{said}", "clerk"));
        observed.GetProperty("reason").GetString().ShouldBe("reported 3 in chat, books 8, difference -5");
    }

    [Fact]
    public async Task A_spot_count_from_chat_by_a_manager_adjusts_with_reason_count_and_one_from_a_supplier_guest_changes_nothing()
    {
        await using var chat = await IntegratorAsync();
        var owner = host.Owner();
        var sku = await owner.RegisterAsync(Sku());
        await (await owner.ReceiveAsync("main", "R-1", (sku, 8))).ShouldBe(200);
        var card = Guid.NewGuid().ToString();

        await chat.Publish(new SpotCountRequested("demo", "main", sku, 1, "supplier", "供应商陈", ["supplier"], Guid.NewGuid().ToString(), DateTimeOffset.UtcNow));
        await chat.Publish(new SpotCountRequested("demo", "main", sku, 3, "manager", "李店长", ["manager"], card, DateTimeOffset.UtcNow));

        var recorded = (await Probe.Until(() => Task.FromResult(chat.Received<SpotCountRecorded>().Where(c => c.Sku == sku).ToList()),
            l => l.Count > 0, what: "SpotCountRecorded")).ShouldHaveSingleItem();
        (recorded.Counted, recorded.Delta, recorded.OnHand, recorded.Unit, recorded.RecordedBy, recorded.ChatMessageId)
            .ShouldBe((3, -5, 3, "支", "李店长", card));
        var adjusted = chat.Received<StockAdjusted>().Where(a => a.Sku == sku).ShouldHaveSingleItem();
        (adjusted.Delta, adjusted.Reason, adjusted.OnHand).ShouldBe((-5, "count", 3));
        var ledger = (await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger").EnumerateArray().ToList();
        var adjustment = ledger.Single(e => e.GetProperty("kind").GetString() == "adjusted");
        (adjustment.GetProperty("reason").GetString(), adjustment.GetProperty("source").GetString(), adjustment.GetProperty("by").GetString(),
            adjustment.GetProperty("balance").GetInt32()).ShouldBe(("count", $"chat:{card}", "李店长", 3));
        // The supplier guest's request (published first, same queue) was dropped: it lacks stock.record. One adjustment only.
        ledger.Count(e => e.GetProperty("kind").GetString() == "adjusted").ShouldBe(1);
    }
}
