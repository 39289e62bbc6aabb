using System.Text.Json;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>
/// Counts reported in the 盘点 channel and explanations chosen on variance cards, as Chat publishes them: taken once and
/// answered on the card, or refused with the reason.
/// </summary>
public sealed class StocktakesFromChat(InventoryHost host) : IClassFixture<InventoryHost>
{
    private const string Stocktakes = "api/inventory/branches/main/stocktakes";

    private Task<IntegratorBus> IntegratorAsync() => IntegratorBus.StartAsync(host.Servers, $"inventory-tests-stocktake-chat-{Guid.NewGuid():N}",
        h => h.Of<StocktakeCountAnswered>().Of<StocktakeVarianceExplained>().Of<StocktakeChatRefused>());

    private async Task<(string Id, string Sku)> OpenAsync(int onHand)
    {
        var category = $"聊天盘点-{Guid.NewGuid():N}"[..12];
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"SC-{Guid.NewGuid():N}"[..16], name: "水彩本", category: category);
        await (await owner.ReceiveAsync("main", "R-1", (sku, onHand))).ShouldBe(200);
        var opened = await host.Manager().PostAsJsonAsync(Stocktakes, new
        {
            kind = "cycle",
            zones = new[] { new { name = "笔记本区域", category, counters = new[] { new { userId = "u-wang", name = "小王" } } } },
        });
        await opened.ShouldBe(201);
        return ((await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, sku);
    }

    private static StocktakeCountReportedInChat Reported(string id, string sku, int counted, string user, string[] roles, string[] branches) =>
        new("demo", "main", id, sku, counted, user, "小王", roles, branches, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_count_reported_in_chat_counts_once_toward_the_counters_zone_and_is_answered_without_the_book_figure()
    {
        await using var bus = await IntegratorAsync();
        var (id, sku) = await OpenAsync(12);
        var said = Reported(id, sku, 10, "u-wang", ["clerk"], ["main"]);
        var messageId = Guid.NewGuid();

        await bus.Publish(said, messageId);
        await bus.Publish(said, messageId);
        var answer = (await Probe.Until(() => Task.FromResult(bus.Received<StocktakeCountAnswered>().Where(a => a.StocktakeId == id).ToList()),
            l => l.Count > 0, what: "StocktakeCountAnswered")).ShouldHaveSingleItem();

        (answer.Outcome, answer.Sku, answer.Counted, answer.ZoneName, answer.ChatMessageId, answer.ReplyMessageId)
            .ShouldBe(("recorded", sku, 10, "笔记本区域", said.ChatMessageId, said.ReplyMessageId));
        answer.Explanation.ShouldNotContain("12");
        var view = await host.Manager().JsonAsync($"{Stocktakes}/{id}");
        view.GetProperty("lines")[0].GetProperty("counted").GetInt32().ShouldBe(10);
        view.GetProperty("lines")[0].GetProperty("counts")[0].GetProperty("countId").GetString().ShouldBe($"chat:{said.ChatMessageId}");
    }

    [Fact]
    public async Task A_count_from_someone_not_counting_that_zone_is_refused_on_its_card_and_nothing_counted()
    {
        await using var bus = await IntegratorAsync();
        var (id, sku) = await OpenAsync(12);

        await bus.Publish(Reported(id, sku, 10, "u-zhao", ["clerk"], ["main"]));
        await bus.Publish(Reported(id, sku, 10, "u-wang", ["clerk"], ["east"]));
        var refused = await Probe.Until(() => Task.FromResult(bus.Received<StocktakeCountAnswered>().Where(a => a.StocktakeId == id).ToList()),
            l => l.Count >= 2, what: "two refusals");

        refused.ShouldAllBe(a => a.Outcome == "refused");
        refused.ShouldContain(a => a.Explanation.Contains("不是它的盘点人"));
        refused.ShouldContain(a => a.Explanation.Contains("不属于门店 main"));
        (await host.Manager().JsonAsync($"{Stocktakes}/{id}")).GetProperty("lines")[0].GetProperty("counted").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_explanation_chosen_on_a_variance_card_is_taken_and_one_for_an_agreeing_product_is_refused()
    {
        await using var bus = await IntegratorAsync();
        var (id, sku) = await OpenAsync(12);
        var wang = host.As("demo", "u-wang", ["clerk"], ["main"]);
        await (await wang.PostAsJsonAsync($"{Stocktakes}/{id}/zones/z1/counts", new { countId = "c1", sku, quantity = 10 })).ShouldBe(200);
        await (await wang.PostAsync($"{Stocktakes}/{id}/zones/z1/finish", null)).ShouldBe(200);
        var card = Guid.NewGuid().ToString();

        await bus.Publish(new StocktakeVarianceExplanationRequested("demo", "main", id, sku, StocktakeReasons.UnrecordedSale, "周末没扫码",
            "u-wang", "小王", ["clerk"], ["main"], card, DateTimeOffset.UtcNow));
        var explained = (await Probe.Until(() => Task.FromResult(bus.Received<StocktakeVarianceExplained>().Where(e => e.StocktakeId == id).ToList()),
            l => l.Count > 0, what: "StocktakeVarianceExplained")).ShouldHaveSingleItem();
        (explained.Sku, explained.ZoneId, explained.Reason, explained.Note, explained.ExplainedBy, explained.ChatMessageId)
            .ShouldBe((sku, "z1", "unrecorded-sale", "周末没扫码", "小王", card));

        await bus.Publish(new StocktakeVarianceExplanationRequested("demo", "main", id, "NO-SUCH", StocktakeReasons.Loss, null,
            "u-wang", "小王", ["clerk"], ["main"], card, DateTimeOffset.UtcNow));
        var refused = (await Probe.Until(() => Task.FromResult(bus.Received<StocktakeChatRefused>().Where(e => e.StocktakeId == id).ToList()),
            l => l.Count > 0, what: "StocktakeChatRefused")).ShouldHaveSingleItem();
        (refused.Sku, refused.ChatMessageId, refused.RequestedByName).ShouldBe(("NO-SUCH", card, "小王"));
        refused.Explanation.ShouldContain("NO-SUCH");
        var line = (await host.Manager().JsonAsync($"{Stocktakes}/{id}")).GetProperty("lines")[0];
        line.GetProperty("explanation").GetProperty("reason").GetString().ShouldBe("unrecorded-sale");
    }
}
