using System.Text.Json;
using Stationery.Contracts.Inventory;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>盘点 through the HTTP API against real PostgreSQL and RabbitMQ: counters, movement during the count, completion.</summary>
public sealed class StocktakesThroughTheApi(InventoryHost host) : IClassFixture<InventoryHost>
{
    private const string Stocktakes = "api/inventory/branches/main/stocktakes";

    private HttpClient Counter(string user, string name) => host.As("demo", user, ["clerk"], ["main"]);

    /// <summary>A category of its own per test (open stocktakes may not overlap), with products received at main.</summary>
    private async Task<(string Category, string[] Skus)> StockedCategoryAsync(params int[] onHand)
    {
        var category = $"盘点-{Guid.NewGuid():N}"[..12];
        var owner = host.Owner();
        var skus = new List<string>();
        foreach (var quantity in onHand)
        {
            var sku = await owner.RegisterAsync($"ST-{Guid.NewGuid():N}"[..16], name: "水彩本", category: category);
            if (quantity > 0) await (await owner.ReceiveAsync("main", "R-1", (sku, quantity))).ShouldBe(200);
            skus.Add(sku);
        }
        return (category, [.. skus]);
    }

    private static object Zone(string category, params (string Id, string Name)[] counters) =>
        new { name = "笔记本区域", category, counters = counters.Select(c => new { userId = c.Id, name = c.Name }) };

    private async Task<string> OpenAsync(string category, bool blind = false, params (string Id, string Name)[] counters)
    {
        var opened = await host.Manager().PostAsJsonAsync(Stocktakes, new { kind = "full", blind, zones = new[] { Zone(category, counters) } });
        await opened.ShouldBe(201);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> CountAsync(HttpClient who, string id, string sku, int quantity, string? countId = null, bool? confirm = null) =>
        who.PostAsJsonAsync($"{Stocktakes}/{id}/zones/z1/counts", new { countId = countId ?? Guid.NewGuid().ToString("N"), sku, quantity, confirm });

    private static JsonElement Line(JsonElement view, string sku) => view.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku);

    [Fact]
    public async Task Two_counters_on_one_zone_are_summed_and_an_offline_resend_of_the_same_count_ids_counts_once()
    {
        var (category, skus) = await StockedCategoryAsync(12, 5);
        var id = await OpenAsync(category, false, ("u-wang", "小王"), ("u-li", "小李"));
        var wang = Counter("u-wang", "小王");
        var li = Counter("u-li", "小李");

        await (await CountAsync(wang, id, skus[0], 6, "wang-1")).ShouldBe(200);
        var offline = new { counts = new[] { new { countId = "li-1", sku = skus[0], quantity = 6 }, new { countId = "li-2", sku = skus[1], quantity = 5 } } };
        await (await li.PostAsJsonAsync($"{Stocktakes}/{id}/zones/z1/counts", offline)).ShouldBe(200);
        var resent = await li.PostAsJsonAsync($"{Stocktakes}/{id}/zones/z1/counts", offline);
        await resent.ShouldBe(200);
        await (await CountAsync(wang, id, skus[0], 6, "wang-1")).ShouldBe(200);

        (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counts").EnumerateArray()
            .Select(c => c.GetProperty("outcome").GetString()).ShouldBe(["duplicate", "duplicate"]);
        var view = await wang.JsonAsync($"{Stocktakes}/{id}");
        Line(view, skus[0]).GetProperty("counted").GetInt32().ShouldBe(12);
        Line(view, skus[0]).GetProperty("myCount").GetInt32().ShouldBe(6);
        Line(view, skus[1]).GetProperty("counted").GetInt32().ShouldBe(5);
        view.GetProperty("myZones").EnumerateArray().Select(z => z.GetString()).ShouldBe(["z1"]);
        view.GetProperty("zones")[0].GetProperty("skusCounted").GetInt32().ShouldBe(2);
        view.GetProperty("zones")[0].GetProperty("status").GetString().ShouldBe("counting");
    }

    [Fact]
    public async Task A_sale_during_the_count_is_not_a_variance_and_completion_books_the_real_ones_and_is_published()
    {
        await using var bus = await IntegratorBus.StartAsync(host.Servers, $"inventory-tests-stocktakes-{Guid.NewGuid():N}",
            h => h.Of<StocktakeOpened>().Of<StocktakeZoneFinished>().Of<StocktakeCompleted>().Of<StockAdjusted>());
        var (category, skus) = await StockedCategoryAsync(12, 5);
        var id = await OpenAsync(category, false, ("u-wang", "小王"));
        var wang = Counter("u-wang", "小王");
        await (await host.Manager().PostAsync($"{Stocktakes}/{id}/zones/z1/start", null)).ShouldBe(200);

        await (await host.Owner().SellAsync("main", "S-1", (skus[0], 2))).ShouldBe(200);   // sold while counting: 10 left
        await (await CountAsync(wang, id, skus[0], 10)).ShouldBe(200);
        await (await CountAsync(wang, id, skus[1], 2)).ShouldBe(200);                       // 3 of 5 missing
        var finished = await wang.PostAsync($"{Stocktakes}/{id}/zones/z1/finish", null);
        await finished.ShouldBe(200);
        var view = await finished.Content.ReadFromJsonAsync<JsonElement>();

        Line(view, skus[0]).GetProperty("snapshot").GetInt32().ShouldBe(12);
        Line(view, skus[0]).GetProperty("expected").GetInt32().ShouldBe(10);
        Line(view, skus[0]).GetProperty("variance").GetInt32().ShouldBe(0);
        view.GetProperty("variances").EnumerateArray().Select(v => (v.GetProperty("sku").GetString(), v.GetProperty("variance").GetInt32()))
            .ShouldBe([(skus[1], -3)]);
        view.GetProperty("unexplained").EnumerateArray().Select(s => s.GetString()).ShouldBe([skus[1]]);

        var blocked = await (await host.Manager().PostAsync($"{Stocktakes}/{id}/complete", null)).ProblemAsync(409);
        blocked.GetProperty("type").GetString()!.ShouldEndWith("/variances-unexplained");
        blocked.GetProperty("detail").GetString()!.ShouldContain(skus[1]);

        await (await host.Manager().PostAsJsonAsync($"{Stocktakes}/{id}/variances/{skus[1]}/explanation", new { reason = "damage", note = "水泡了" }))
            .ShouldBe(200);
        var completed = await host.Manager().PostAsync($"{Stocktakes}/{id}/complete", null);
        await completed.ShouldBe(200);

        var done = await completed.Content.ReadFromJsonAsync<JsonElement>();
        done.GetProperty("status").GetString().ShouldBe("completed");
        done.GetProperty("adjustments").GetInt32().ShouldBe(1);
        done.GetProperty("figures").GetProperty("accuracyUnits").GetDecimal().ShouldBe(Math.Round(1m - 3m / 15m, 4));
        var stock = (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{skus[1]}")).GetProperty("stock");
        stock.GetProperty("onHand").GetInt32().ShouldBe(2);
        (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{skus[0]}")).GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(10);

        var published = (await Probe.Until(() => Task.FromResult(bus.Received<StocktakeCompleted>().Where(c => c.StocktakeId == id).ToList()),
            l => l.Count > 0, what: "StocktakeCompleted")).ShouldHaveSingleItem();
        (published.TenantId, published.BranchId, published.Kind, published.ExpectedUnits, published.VarianceUnits, published.Adjustments)
            .ShouldBe(("demo", "main", "full", 15, 3, 1));
        published.VarianceValue.ShouldBe(3 * 3.5m);
        var adjusted = (await Probe.Until(() => Task.FromResult(bus.Received<StockAdjusted>().Where(a => a.Sku == skus[1]).ToList()),
            l => l.Count > 0, what: "StockAdjusted")).ShouldHaveSingleItem();
        (adjusted.Delta, adjusted.Reason, adjusted.OnHand).ShouldBe((-3, "damage", 2));
        adjusted.Note!.ShouldContain(id);
        var zone = (await Probe.Until(() => Task.FromResult(bus.Received<StocktakeZoneFinished>().Where(z => z.StocktakeId == id).ToList()),
            l => l.Count > 0, what: "StocktakeZoneFinished")).ShouldHaveSingleItem();
        zone.Variances.ShouldHaveSingleItem().ShouldBe(new StocktakeVariance(skus[1], "水彩本", "黄色", "支", 5, 2, true));
        bus.Received<StocktakeOpened>().Single(o => o.StocktakeId == id).Zones.Single().Counters.ShouldBe([new StocktakeCounter("u-wang", "小王")]);

        await (await CountAsync(wang, id, skus[0], 3)).ProblemAsync(409);
    }

    [Fact]
    public async Task A_blind_stocktake_never_shows_a_counter_the_book_figures()
    {
        var (category, skus) = await StockedCategoryAsync(12);
        var id = await OpenAsync(category, true, ("u-wang", "小王"));
        var wang = Counter("u-wang", "小王");
        await (await CountAsync(wang, id, skus[0], 9)).ShouldBe(200);
        await (await wang.PostAsync($"{Stocktakes}/{id}/zones/z1/finish", null)).ShouldBe(200);

        var seen = await wang.JsonAsync($"{Stocktakes}/{id}");
        var line = Line(seen, skus[0]);
        line.GetProperty("expected").ValueKind.ShouldBe(JsonValueKind.Null);
        line.GetProperty("snapshot").ValueKind.ShouldBe(JsonValueKind.Null);
        line.GetProperty("variance").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("figures").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("variances").GetArrayLength().ShouldBe(0);
        (await wang.JsonAsync(Stocktakes)).EnumerateArray().Single(s => s.GetProperty("id").GetString() == id)
            .GetProperty("figures").ValueKind.ShouldBe(JsonValueKind.Null);
        Line(await host.Manager().JsonAsync($"{Stocktakes}/{id}"), skus[0]).GetProperty("variance").GetInt32().ShouldBe(-3);
    }

    [Fact]
    public async Task A_clerk_may_not_open_a_stocktake_and_another_chain_sees_none()
    {
        var (category, _) = await StockedCategoryAsync(1);
        var refused = await (await host.Clerk().PostAsJsonAsync(Stocktakes, new { kind = "full", zones = new[] { Zone(category, ("u-wang", "小王")) } }))
            .ProblemAsync(403);
        refused.GetProperty("detail").GetString()!.ShouldContain("stocktake.manage");
        var id = await OpenAsync(category, false, ("u-wang", "小王"));

        await (await host.Owner("rival").GetAsync($"{Stocktakes}/{id}")).ProblemAsync(404);
        await (await host.Owner("rival").PostAsync($"{Stocktakes}/{id}/cancel", null)).ProblemAsync(404);
        await (await host.Owner().GetAsync($"api/inventory/branches/east/stocktakes/{id}")).ProblemAsync(404);
        (await host.Manager().JsonAsync($"{Stocktakes}/{id}")).GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task A_second_stocktake_over_the_same_products_is_refused_until_the_first_is_cancelled()
    {
        var (category, skus) = await StockedCategoryAsync(4, 6);
        var first = await OpenAsync(category, false, ("u-wang", "小王"));

        var overlap = await (await host.Owner().PostAsJsonAsync(Stocktakes, new
        {
            kind = "cycle", zones = new[] { new { name = "抽盘", skus = new[] { skus[1] }, counters = new[] { new { userId = "u-li", name = "小李" } } } },
        })).ProblemAsync(409);

        overlap.GetProperty("type").GetString()!.ShouldEndWith("/stocktake-overlap");
        overlap.GetProperty("detail").GetString()!.ShouldContain(first);
        overlap.GetProperty("detail").GetString()!.ShouldContain(skus[1]);
        await (await host.Manager().PostAsync($"{Stocktakes}/{first}/cancel", null)).ShouldBe(200);
        (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{skus[1]}")).GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(6);
        await OpenAsync(category, false, ("u-li", "小李"));
    }

    [Fact]
    public async Task Bad_counts_answer_problem_details_naming_the_rule_and_record_nothing()
    {
        var (category, skus) = await StockedCategoryAsync(3);
        var (_, outside) = await StockedCategoryAsync(1);
        var id = await OpenAsync(category, false, ("u-wang", "小王"));
        var wang = Counter("u-wang", "小王");

        var negative = await (await CountAsync(wang, id, skus[0], -2)).ProblemAsync(400);
        negative.FieldErrors("quantity")[0].ShouldContain("negative");
        var absurd = await (await CountAsync(wang, id, skus[0], 4000)).ProblemAsync(422);
        absurd.GetProperty("detail").GetString()!.ShouldContain("confirm: true");
        var notInZone = await (await CountAsync(wang, id, outside[0], 1)).ProblemAsync(409);
        notInZone.GetProperty("type").GetString()!.ShouldEndWith("/sku-outside-zone");
        notInZone.GetProperty("detail").GetString()!.ShouldContain("addToZone");
        await (await CountAsync(Counter("u-zhao", "小赵"), id, skus[0], 1)).ProblemAsync(403);
        Line(await host.Manager().JsonAsync($"{Stocktakes}/{id}"), skus[0]).GetProperty("counted").ValueKind.ShouldBe(JsonValueKind.Null);

        await (await CountAsync(wang, id, skus[0], 4000, confirm: true)).ShouldBe(200);
        await (await wang.PostAsJsonAsync($"{Stocktakes}/{id}/zones/z1/counts", new { countId = "add-1", sku = outside[0], quantity = 1, addToZone = true }))
            .ShouldBe(200);
        var view = await host.Manager().JsonAsync($"{Stocktakes}/{id}");
        Line(view, skus[0]).GetProperty("counted").GetInt32().ShouldBe(4000);
        Line(view, outside[0]).GetProperty("zoneId").GetString().ShouldBe("z1");
    }
}
