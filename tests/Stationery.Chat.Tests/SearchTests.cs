using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Searching;

namespace Stationery.Chat.Tests;

/// <summary>Search over the messages a user can see: substrings of Chinese text, only the caller's channels, newest first, paged.</summary>
public sealed class SearchTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static async Task<MessageDto> SayAsync(HttpClient client, string channel, string text)
    {
        var response = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private static async Task<SearchPage> SearchAsync(HttpClient client, string q, int? limit = null, string? cursor = null) =>
        (await client.GetFromJsonAsync<SearchPage>(
            $"api/chat/search?q={Uri.EscapeDataString(q)}{(limit is null ? "" : $"&limit={limit}")}{(cursor is null ? "" : $"&cursor={cursor}")}",
            ChatFixture.Json))!;

    private static string Tag() => $"s{Guid.NewGuid():N}"[..9];

    [Fact]
    public async Task Any_part_of_a_chinese_sentence_finds_it_but_only_in_channels_the_searcher_is_in()
    {
        using var owner = fixture.ClientFor("owner");
        using var clerk = fixture.ClientFor("clerk");
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var otherChain = fixture.Chat.ClientFor(ChatFixture.Token("owner", tenant: "other-chain"));
        var tag = Tag();
        var main = await SayAsync(clerk, "main-group", $"{tag}今天晨光荧光笔卖得特别好");
        var east = await SayAsync(clerkEast, "east-group", $"{tag}东区的荧光笔也快没了");
        var withdrawn = await SayAsync(clerk, "main-group", $"{tag}荧光笔发错了");
        (await clerk.DeleteAsync($"api/chat/channels/main-group/messages/{withdrawn.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var middle = await SearchAsync(owner, "荧光笔卖得");
        var hit = middle.Items.ShouldHaveSingleItem();
        (hit.ChannelName, hit.Message.Id, hit.Message.ChannelId).ShouldBe(("门店群", main.Id, "main-group"));

        (await SearchAsync(owner, tag)).Items.Select(h => h.Message.Id).ShouldBe([east.Id, main.Id]);
        (await SearchAsync(clerk, tag)).Items.Select(h => h.Message.Id).ShouldBe([main.Id]);
        (await SearchAsync(clerkEast, tag)).Items.Select(h => h.Message.Id).ShouldBe([east.Id]);
        (await SearchAsync(otherChain, tag)).Items.ShouldBeEmpty();
        (await SearchAsync(owner, $"{tag}荧光笔发错")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Results_come_newest_first_in_pages_and_wildcards_in_the_query_match_only_themselves()
    {
        using var clerk = fixture.ClientFor("clerk");
        var tag = Tag();
        var posted = new List<string>();
        for (var i = 1; i <= 5; i++) posted.Add((await SayAsync(clerk, "main-group", $"{tag} 第{i}批")).Id);
        var percent = await SayAsync(clerk, "main-group", $"{tag} 折扣100%");
        await SayAsync(clerk, "main-group", $"{tag} 折扣1000");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync(clerk, $"{tag} 第", limit: 2, cursor: cursor);
            seen.AddRange(page.Items.Select(h => h.Message.Id));
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null);
        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Reverse(posted));

        (await SearchAsync(clerk, "折扣100%")).Items.Select(h => h.Message.Id).ShouldBe([percent.Id]);
        (await SearchAsync(clerk, $"{tag}_第")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_or_overlong_query_or_a_bad_page_is_a_400_problem()
    {
        using var clerk = fixture.ClientFor("clerk");
        foreach (var query in new[] { "q=", "q=%20", $"q={new string('笔', 101)}", "q=笔&limit=0", "q=笔&limit=101", "q=笔&cursor=abc" })
        {
            var response = await clerk.GetAsync($"api/chat/search?{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task Paging_deeper_than_a_thousand_hits_is_a_400_naming_the_offset_in_chinese_first()
    {
        using var clerk = fixture.ClientFor("clerk");
        (await clerk.GetAsync("api/chat/search?q=笔&cursor=1000")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await clerk.GetAsync("api/chat/search?q=笔&cursor=1001");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rule = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("cursor")[0].GetString()!;
        rule.ShouldStartWith("翻页最多到第 1000 条(offset)");
        rule.ShouldContain("the offset must be at most 1000");
    }
}
