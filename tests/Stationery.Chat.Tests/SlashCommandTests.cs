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

/// <summary>/帮助, /库存 and /补货, answered by the bot in the command's thread from Chat's own copies.</summary>
public sealed class SlashCommandTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private async Task RegisterAsync(string sku, string name, string spec, string unit = "支")
    {
        await fixture.Publish(new ProductRegistered(ChatFixture.Tenant, sku, name, spec, "晨光", "笔类", unit, null, 3.5m, 1, DateTimeOffset.UtcNow));
        await Probe.Until(async () =>
        {
            await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return await session.LoadAsync<CatalogueItem>(sku) is not null;
        }, what: $"Chat's copy of {sku}");
    }

    private static async Task<MessageDto> AskAsync(HttpClient client, string channel, string text)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var asked = (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        return (await Probe.Until(() => ChatFixture.MessagesAsync(client, channel, asked.Seq), ms => ms.Any(m => m.ReplyTo == asked.Id),
            what: $"the bot's answer to {text}")).Single(m => m.ReplyTo == asked.Id);
    }

    [Fact]
    public async Task Stock_lookup_lists_the_matching_products_with_the_last_figures_chat_heard_and_says_when_it_has_none()
    {
        using var clerk = fixture.ClientFor("clerk");
        await RegisterAsync("SC-HL-Y", "晨光荧光笔", "黄色");
        await RegisterAsync("SC-HL-G", "晨光荧光笔", "绿色");
        await RegisterAsync("SC-ST", "得力订书钉", "24/6", "盒");
        await RegisterAsync("SC-GEL", "晨光中性笔", "0.5 黑");

        var none = await AskAsync(clerk, "main-group", "/库存 中性笔");
        none.Text.ShouldBe("🔍 找到 1 个商品。聊天还没有收到这些商品的库存数据,请以库存页面为准。");
        none.Card!.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("晨光中性笔 0.5 黑", "暂无数据")]);

        await fixture.Publish(new ItemsSold(ChatFixture.Tenant, "main", "SC-HL-Y", 3, 4.5m, 12, "R-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await fixture.Publish(new ItemsSold(ChatFixture.Tenant, "east", "SC-HL-Y", 1, 4.5m, 40, "R-2", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await Probe.Until(async () =>
        {
            await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return (await session.LoadManyAsync<StockFigure>(StockFigure.IdFor("main", "SC-HL-Y"), StockFigure.IdFor("east", "SC-HL-Y"))).Count == 2;
        }, what: "the figures from the sales");

        var answer = await AskAsync(clerk, "main-group", "/库存 荧光笔");
        answer.AuthorName.ShouldBe("库存助手");
        answer.Text.ShouldBe("🔍 找到 2 个商品。库存为最近一次记录的数量。");
        (answer.Card!.Kind, answer.Card.Title).ShouldBe(("stock-lookup", "库存查询 · 荧光笔"));
        answer.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("晨光荧光笔 绿色", "暂无数据"), ("晨光荧光笔 黄色", "12 支")]);

        (await AskAsync(clerk, "main-group", "/库存 橡皮擦")).Text.ShouldBe("🔍 没有找到「橡皮擦」相关的商品。");
    }

    [Fact]
    public async Task Restock_asks_purchasing_for_the_branch_and_its_card_shows_when_the_item_is_on_the_list()
    {
        var requests = await fixture.Bus.ObserveAsync<PurchaseRequestedFromChat>();
        using var clerk = fixture.ClientFor("clerk");
        await RegisterAsync("SC-NB", "晨光笔记本", "A5", "本");

        var card = await AskAsync(clerk, "main-group", "/补货 sc-nb 20");
        card.Text.ShouldBe("🛒 补货:晨光笔记本 A5 20 本");
        (card.Card!.Kind, card.Card.Status, card.Card.ResolvedBy).ShouldBe(("restock-request", "pending", "小李"));
        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.Sku == "SC-NB").ToList()), l => l.Count > 0,
            what: "the purchase request")).ShouldHaveSingleItem().Message;
        (request.BranchId, request.Quantity, request.RequestedBy, request.ChatMessageId).ShouldBe(("main", 20, "clerk", card.Id));

        await fixture.Publish(new PurchaseListItemAdded(ChatFixture.Tenant, "main", "item-9", "SC-NB", "晨光笔记本", "A5", "本", 20, "来自聊天", "chat",
            "clerk", card.Id, DateTimeOffset.UtcNow));
        var done = await Probe.Until(async () => (await ChatFixture.MessagesAsync(clerk, "main-group", card.Seq - 1)).First(),
            m => m.Card?.Status == "done", what: "the card done");
        done.Card!.Resolution.ShouldBe("已加入采购清单 20 本");

        (await AskAsync(clerk, "main-group", "/补货 NOPE-1 5")).Text.ShouldStartWith("找不到商品 NOPE-1");
        (await AskAsync(clerk, "main-group", "/补货 SC-NB 很多")).Text.ShouldStartWith("🤖 可用命令");
        requests.Count(r => r.Message.Sku == "SC-NB").ShouldBe(1);
    }

    [Fact]
    public async Task Help_answers_anywhere_but_stock_commands_only_in_branch_channels_so_a_supplier_learns_no_stock()
    {
        await fixture.Publish(new SupplierRegistered(ChatFixture.Tenant, ChatFixture.SupplierId, "晨光文具供应商", null, 3, [], DateTimeOffset.UtcNow));
        using var supplier = fixture.ClientFor("supplier");
        var channel = (await Probe.Until(() => ChatFixture.ChannelsAsync(supplier), cs => cs.Any(c => c.Kind == ChannelKind.Supplier),
            what: "the supplier's channel")).Single(c => c.Kind == ChannelKind.Supplier).Id;

        (await AskAsync(supplier, channel, "/帮助")).Text.ShouldStartWith("🤖 可用命令:\n/库存 商品名");
        var refused = await AskAsync(supplier, channel, "/库存 荧光笔");
        refused.Text.ShouldBe("请在门店的频道里使用这个命令(这里不属于任何门店)。");
        refused.Card.ShouldBeNull();
    }
}
