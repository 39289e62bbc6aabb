using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// The stock report card once Inventory has compared the report with the books (StockObservationCompared), and its
/// 记为盘点数量 button: it follows the permission stock.record (so a clerk who counts stock may press it), a
/// SpotCountRequested for the presser, closed by Inventory's SpotCountRecorded.
/// </summary>
public sealed class StockObservationCardTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string MainGroup = "main-group";

    private async Task<(string Sku, MessageDto Said, MessageDto Card)> ReportAsync(HttpClient clerk, string text, string sku, string name)
    {
        await fixture.Publish(new ProductRegistered(ChatFixture.Tenant, sku, name, "黄色", "晨光", "笔类", "支", null, 3.5m, 10, DateTimeOffset.UtcNow));
        var store = fixture.Chat.Service<IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var session = store.QuerySession(ChatFixture.Tenant);
            return await session.LoadAsync<CatalogueItem>(sku) is not null;
        }, what: "Chat's catalogue copy");
        var posted = await clerk.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var said = (await posted.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        var card = (await Probe.Until(() => ChatFixture.MessagesAsync(clerk, MainGroup, said.Seq), h => h.Any(m => m.ReplyTo == said.Id),
            what: "the report's card")).Single(m => m.ReplyTo == said.Id);
        return (sku, said, card);
    }

    private static StockObservationCompared Compared(string sku, MessageDto said, MessageDto card, int? suggested = 20) =>
        new(ChatFixture.Tenant, "main", sku, "荧光笔", "黄色", "支", 3, 8, -5, 12, 0, suggested, 24, MainGroup, said.Id, card.Id, "clerk",
            DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_comparison_updates_the_report_card_live_and_a_clerk_records_it_as_a_spot_count()
    {
        var requests = await fixture.Bus.ObserveAsync<SpotCountRequested>();
        using var clerk = fixture.ClientFor("clerk");
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (sku, said, card) = await ReportAsync(clerk, $"[荧光笔{suffix}][黄色][3][20]", $"OB-{suffix}", $"荧光笔{suffix}");

        await fixture.Publish(Compared(sku, said, card));

        var updated = (await Probe.Until(() => Task.FromResult(ownerLive.Updates.LastOrDefault(u => u.Id == card.Id && u.Card!.Fields.Count == 5)),
            u => u is not null, what: "the compared card pushed live"))!.Card!;
        updated.Fields.Select(f => (f.Label, f.Value)).ShouldBe(
            [("系统库存", "8 支"), ("上报库存", "3 支"), ("差异", "-5 支"), ("在途订单", "12 支"), ("建议补货", "20 支")]);
        updated.Actions.Select(a => (a.Id, a.Label)).ShouldBe([("add-to-purchase-list", "加入采购清单 20"), ("record-spot-count", "记为盘点数量")]);

        var press = await clerk.PostAsync($"api/chat/messages/{card.Id}/actions/record-spot-count", null);
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var pending = (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!;
        (pending.Status, pending.ResolvedBy, pending.Resolution).ShouldBe(("pending", "小李", "正在记为盘点数量…"));
        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.Sku == sku).ToList()), l => l.Count > 0,
            what: "SpotCountRequested")).ShouldHaveSingleItem().Message;
        (request.BranchId, request.Counted, request.RequestedBy, request.RequestedByName, request.ChatMessageId)
            .ShouldBe(("main", 3, "clerk", "小李", card.Id));
        request.RequestedByRoles.ShouldBe(["clerk"]);

        await fixture.Publish(new SpotCountRecorded(ChatFixture.Tenant, "main", sku, "支", 3, -5, 3, "小李", card.Id, DateTimeOffset.UtcNow));

        var done = await Probe.Until(() => Task.FromResult(ownerLive.Updates.FirstOrDefault(u => u.Id == card.Id && u.Card?.Status == "done")),
            u => u is not null, what: "the spot count's outcome pushed live");
        (done!.Card!.Resolution, done.Card.ResolvedBy).ShouldBe(("已记为盘点数量 3 支(调整 -5 支)", "小李"));
        done.Card.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_without_a_quantity_offers_inventorys_suggestion()
    {
        using var clerk = fixture.ClientFor("clerk");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (sku, said, card) = await ReportAsync(clerk, $"荧光笔{suffix}黄色只剩3支", $"OB-{suffix}", $"荧光笔{suffix}");

        await fixture.Publish(Compared(sku, said, card, suggested: null));

        var updated = (await Probe.Until(() => ChatFixture.MessagesAsync(clerk, MainGroup, card.Seq - 1),
            h => h.First().Card!.Fields.Count == 5, what: "the compared card")).First().Card!;
        updated.Actions.Select(a => a.Label).ShouldBe(["加入采购清单 24", "记为盘点数量"]);
    }
}
