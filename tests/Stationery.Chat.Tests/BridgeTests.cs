using System.Net;
using System.Net.Http.Json;
using Marten;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Messages;
using Stationery.Contracts.Chat;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Shop talk in a branch channel becomes stock facts: the house format and unambiguous free text, against real servers.</summary>
public sealed class BridgeTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string MainGroup = "main-group";

    private async Task CatalogueHasAsync(params ProductRegistered[] products)
    {
        foreach (var p in products) await fixture.Publish(p);
        var store = fixture.Chat.Service<IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var session = store.QuerySession(ChatFixture.Tenant);
            return (await session.LoadManyAsync<CatalogueItem>(products.Select(p => p.Sku).ToArray())).Count == products.Length;
        }, what: "Chat's catalogue copy");
    }

    private static ProductRegistered Product(string sku, string name, string spec, string unit = "支") =>
        new(ChatFixture.Tenant, sku, name, spec, "晨光", "笔类", unit, null, 3.5m, 10, DateTimeOffset.UtcNow);

    private static async Task<MessageDto> SayAsync(HttpClient client, string text)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{MainGroup}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private static async Task<MessageDto> ReplyToAsync(HttpClient client, MessageDto message) =>
        (await Probe.Until(() => ChatFixture.MessagesAsync(client, MainGroup, message.Seq), h => h.Any(m => m.ReplyTo == message.Id),
            what: $"the bot's answer to \"{message.Text}\"")).Single(m => m.ReplyTo == message.Id);

    [Fact]
    public async Task A_house_format_report_gets_a_card_in_its_thread_and_goes_to_inventory()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await CatalogueHasAsync(Product($"HL-Y-{suffix}", $"荧光笔{suffix}", "黄色"), Product($"HL-G-{suffix}", $"荧光笔{suffix}", "绿色"));
        var reported = await fixture.Bus.ObserveAsync<StockReportedInChat>();
        using var clerk = fixture.ClientFor("clerk");

        var said = await SayAsync(clerk, $"盘了一下 【荧光笔{suffix}】【黄色】【3】【20】");

        var answer = await ReplyToAsync(clerk, said);
        answer.AuthorId.ShouldBe("bot");
        answer.Text.ShouldBe($"📋 小李 报告:荧光笔{suffix} 黄色 现有 3 支");
        answer.Card!.Title.ShouldBe($"库存报告 · 荧光笔{suffix} 黄色");
        answer.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("报告库存", "3 支"), ("建议补货", "20 支")]);
        answer.Card.Actions.ShouldHaveSingleItem().Label.ShouldBe("加入采购清单 20");
        var fact = (await Probe.Until(() => Task.FromResult(reported.Where(r => r.Message.ChatMessageId == said.Id).ToList()), l => l.Count > 0,
            what: "StockReportedInChat")).ShouldHaveSingleItem().Message;
        (fact.BranchId, fact.ChannelId, fact.Sku, fact.ReportedOnHand, fact.SuggestedQuantity, fact.ReportedBy, fact.ReplyMessageId)
            .ShouldBe(("main", MainGroup, $"HL-Y-{suffix}", 3, (int?)20, "clerk", answer.Id));
    }

    [Fact]
    public async Task Free_text_that_could_mean_two_products_gets_a_question_and_plain_chat_gets_nothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await CatalogueHasAsync(Product($"NB-A-{suffix}", $"笔记本{suffix}", "A5", "本"), Product($"NB-B-{suffix}", $"笔记本{suffix}", "B5", "本"));
        using var clerk = fixture.ClientFor("clerk");

        var weather = await SayAsync(clerk, "今天下雨,早点关门");
        var vague = await SayAsync(clerk, $"笔记本{suffix}只剩三本了");
        var exact = await SayAsync(clerk, $"笔记本{suffix}B5的还有两本");

        var question = await ReplyToAsync(clerk, vague);
        question.Text.ShouldContain($"笔记本{suffix} A5");
        question.Text.ShouldContain($"笔记本{suffix} B5");
        question.Mentions.ShouldBe(["clerk"]);
        (await ReplyToAsync(clerk, exact)).Text.ShouldBe($"📋 小李 报告:笔记本{suffix} B5 现有 2 本");
        (await ChatFixture.MessagesAsync(clerk, MainGroup, weather.Seq)).ShouldNotContain(m => m.ReplyTo == weather.Id);
    }
}
