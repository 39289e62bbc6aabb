using System.Net;
using System.Net.Http.Json;
using Marten;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Posting;
using Stationery.Contracts.Inventory;
using Stationery.Testing;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Tests;

/// <summary>
/// The bot's three readers of posted messages (slash commands, quotes in price channels, stock reports), each on its own
/// queue: which message each takes, and that their answers to one channel, written concurrently, all land once.
/// </summary>
public sealed class PostedMessageReadersTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static Contract.MessagePosted Posted(string channel, string? branch, string text, string author = "clerk") =>
        new(ChatFixture.Tenant, channel, branch, Guid.NewGuid().ToString(), 1, author, "小李", text, [], false, DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("main-group", "main", "/帮助", PostedMessageBusiness.SlashCommand)]
    [InlineData("prices-sup-1", null, "/库存 荧光笔", PostedMessageBusiness.SlashCommand)]
    [InlineData("prices-sup-1", null, "报价 荧光笔 黄色 1.20 元/支", PostedMessageBusiness.SupplierQuote)]
    [InlineData("main-group", "main", "盘了一下 【荧光笔】【黄色】【3】【20】", PostedMessageBusiness.StockReport)]
    [InlineData("main-group", "main", "今天下午谁值班?", PostedMessageBusiness.StockReport)]
    [InlineData("main-stocktake", "main", "[水彩本][16K][10]", PostedMessageBusiness.StocktakeChannel)]
    [InlineData("main-stocktake", "main", "/帮助", PostedMessageBusiness.SlashCommand)]
    [InlineData("adhoc-lunch", null, "荧光笔 3 支", PostedMessageBusiness.None)]
    public void Each_person_s_message_has_at_most_one_reader(string channel, string? branch, string text, PostedMessageBusiness reader) =>
        PostedMessages.BusinessOf(Posted(channel, branch, text)).ShouldBe(reader);

    [Fact]
    public void The_bot_s_own_messages_have_no_reader() =>
        PostedMessages.BusinessOf(Posted("main-group", "main", "/帮助", ChatBot.Id)).ShouldBe(PostedMessageBusiness.None);

    [Fact]
    public async Task Slash_commands_and_stock_reports_sent_together_to_one_channel_are_each_answered_exactly_once()
    {
        const int EachKind = 6;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await fixture.Publish(new ProductRegistered(ChatFixture.Tenant, $"RD-{suffix}", $"橡皮{suffix}", "白色", "晨光", "文具", "块", null, 1.5m, 10,
            DateTimeOffset.UtcNow));
        await Probe.Until(async () =>
        {
            await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return await session.LoadAsync<CatalogueItem>($"RD-{suffix}") is not null;
        }, what: "Chat's catalogue copy");
        using var clerk = fixture.ClientFor("clerk");

        // Posted back to back without waiting for answers: both readers append their answers to main-group's stream at once
        // (and so do the next posts); the losers of each race run again.
        var said = new List<MessageDto>();
        foreach (var text in Enumerable.Range(1, EachKind).SelectMany(i => new[] { "/帮助", $"【橡皮{suffix}】【白色】【{i}】【20】" }))
        {
            // A post that loses a race to a reader appending its answer at the same moment is run again by the service
            // (LostRaces): the clerk never sees a 409 for it.
            var response = await clerk.PostAsJsonAsync("api/chat/channels/main-group/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            said.Add((await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!);
        }
        var from = said.Min(m => m.Seq) - 1;
        var asked = said.Select(m => m.Id).ToHashSet();

        var answers = await Probe.Until(async () => (await ChatFixture.MessagesAsync(clerk, "main-group", from))
                .Where(m => m.ReplyTo is { } r && asked.Contains(r)).ToList(),
            a => a.Select(m => m.ReplyTo).Distinct().Count() == said.Count, what: "an answer to every command and report");

        answers.GroupBy(a => a.ReplyTo).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("answered more than once");
        answers.Count(a => a.Card?.Kind == "stock-report").ShouldBe(EachKind);
        answers.Where(a => a.Card?.Kind == "stock-report").Select(a => a.Card!.Fields[0].Value).Order()
            .ShouldBe(Enumerable.Range(1, EachKind).Select(i => $"{i} 块").Order());
    }

    [Fact]
    public async Task Commands_posted_all_at_once_while_the_bot_answers_each_are_all_posted_none_refused_409()
    {
        // Twelve /帮助 at once: every post races the bot's answers to the ones before it on main-group's stream. A post that
        // loses is run again by the service (LostRaces); before that, one run in four saw a clerk's post refused 409.
        const int Posts = 12;
        using var clerk = fixture.ClientFor("clerk");
        var responses = await Task.WhenAll(Enumerable.Range(0, Posts).Select(_ => clerk.PostAsJsonAsync("api/chat/channels/main-group/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), text = "/帮助" })));
        responses.Select(r => (int)r.StatusCode).ShouldAllBe(code => code == 201);
        var said = new List<MessageDto>();
        foreach (var response in responses) said.Add((await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!);
        said.Select(m => m.Seq).Distinct().Count().ShouldBe(Posts, "each post has a sequence number of its own");

        var asked = said.Select(m => m.Id).ToHashSet();
        var answers = await Probe.Until(async () => (await ChatFixture.MessagesAsync(clerk, "main-group", said.Min(m => m.Seq) - 1))
                .Where(m => m.ReplyTo is { } r && asked.Contains(r)).ToList(),
            a => a.Select(m => m.ReplyTo).Distinct().Count() == Posts, what: "an answer to every /帮助");
        answers.Count.ShouldBe(Posts, "each answered once");
    }
}
