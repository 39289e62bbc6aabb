using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Shouldly;
using Stationery.Testing;

namespace Stationery.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class LowStockAlertTravelsEndToEnd(PlatformProcesses platform)
{
    [Fact]
    public async Task Selling_below_the_reorder_point_posts_one_alert_mentioning_the_owner_live_in_the_stock_watch_channel()
    {
        using var owner = await GatewayClient.LoginAsync(platform.Gateway, "owner");
        var ownerId = owner.User.GetProperty("id").GetString()!;
        var sku = $"E2E-HL-Y-{Guid.NewGuid():N}"[..16];

        (await owner.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name = "端到端荧光笔", spec = "黄色", brand = "晨光", category = "笔类", unit = "支",
            barcode = (string?)null, retailPrice = 3.5m, packSize = 10,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Inventory learns of branch "main" from Identity's BranchOpened: wait until it accepts the policy.
        await Probe.Until(async () => (await owner.Http.PutAsJsonAsync($"api/inventory/branches/main/products/{sku}/policy",
            new { reorderPoint = 5, maxLevel = 30 })).IsSuccessStatusCode, Probe.CrossService, "policy on branch main");
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts",
            new { reference = "E2E-R1", lines = new[] { new { sku, quantity = 10 } } })).EnsureSuccessStatusCode();

        var stockWatch = await Probe.Until(async () => StockWatchChannel(await owner.GetJsonAsync("api/chat/channels"), "main"),
            c => c is not null, Probe.CrossService, "the 库存监控 channel of main");

        var received = new ConcurrentQueue<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(platform.Gateway, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(owner.Token))
            .Build();
        hub.On<JsonElement>("messagePosted", m => received.Enqueue(m));
        await hub.StartReadyAsync();

        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
        {
            reference = "E2E-S1", soldAt = DateTimeOffset.UtcNow,
            lines = new[] { new { sku, quantity = 3, unitPrice = 3.5m } },
        })).EnsureSuccessStatusCode();
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
        {
            reference = "E2E-S2", soldAt = DateTimeOffset.UtcNow,
            lines = new[] { new { sku, quantity = 3, unitPrice = 3.5m } },
        })).EnsureSuccessStatusCode();

        bool IsOurAlert(JsonElement m) => m.GetProperty("text").GetString()!.Contains("端到端荧光笔")
            && m.GetProperty("text").GetString()!.Contains("低库存")
            && m.GetProperty("channelId").GetString() == stockWatch;

        var live = await Probe.Until(() => Task.FromResult(received.Where(IsOurAlert).ToList()), l => l.Count > 0,
            Probe.CrossService, "the live alert over SignalR through the gateway");
        var alert = live.Single();
        alert.GetProperty("text").GetString()!.ShouldContain("剩余 4 支");
        alert.GetProperty("mentions").EnumerateArray().Select(e => e.GetString()).ShouldContain(ownerId);
        alert.GetProperty("seq").GetInt64().ShouldBeGreaterThan(0);

        var history = await owner.GetJsonAsync($"api/chat/channels/{stockWatch}/messages?after=0&limit=200");
        var items = history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("items");
        items.EnumerateArray().Count(IsOurAlert).ShouldBe(1, "the second sale below the reorder point must not raise a second alert");
    }

    [Fact]
    public async Task The_gateway_refuses_a_request_without_a_token_with_problem_details()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        var response = await http.GetAsync("api/inventory/branches/main/stock");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_json_through_the_gateway_answers_400_problem_details()
    {
        using var owner = await GatewayClient.LoginAsync(platform.Gateway, "owner");
        var response = await owner.Http.PostAsync("api/inventory/branches/main/receipts",
            new StringContent("{\"reference\": \"X\", \"lines\": [ {\"sku\": ", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Every_service_document_is_served_by_the_gateway()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        foreach (var service in new[] { "identity", "inventory", "purchasing", "chat", "reporting" })
        {
            var doc = await http.GetFromJsonAsync<JsonElement>($"openapi/{service}.json");
            doc.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        }
        (await http.GetAsync("openapi/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Selling_the_last_unit_posts_one_stock_out_alert_and_the_restock_answers_it_once()
    {
        using var owner = await GatewayClient.LoginAsync(platform.Gateway, "owner");
        var sku = $"E2E-OUT-{Guid.NewGuid():N}"[..16];
        var name = $"端到端缺货笔{sku[^4..]}";
        (await owner.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name, spec = "黑色", brand = "晨光", category = "笔类", unit = "支",
            barcode = (string?)null, retailPrice = 2.5m, packSize = 10,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Probe.Until(async () => (await owner.Http.PutAsJsonAsync($"api/inventory/branches/main/products/{sku}/policy",
            new { reorderPoint = 2, maxLevel = 20 })).IsSuccessStatusCode, Probe.CrossService, "policy on branch main");
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts",
            new { reference = "E2E-OUT-R1", lines = new[] { new { sku, quantity = 4 } } })).EnsureSuccessStatusCode();
        var stockWatch = await Probe.Until(async () => StockWatchChannel(await owner.GetJsonAsync("api/chat/channels"), "main"),
            c => c is not null, Probe.CrossService, "the 库存监控 channel of main");

        // One sale takes all four: from no alert straight to 缺货, one message on the wire, one alert in chat.
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/sales", new
        {
            reference = "E2E-OUT-S1", soldAt = DateTimeOffset.UtcNow,
            lines = new[] { new { sku, quantity = 4, unitPrice = 2.5m } },
        })).EnsureSuccessStatusCode();
        async Task<List<JsonElement>> Ours()
        {
            var history = await owner.GetJsonAsync($"api/chat/channels/{stockWatch}/messages?after=0&limit=200");
            var items = history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("items");
            return [.. items.EnumerateArray().Where(m => m.GetProperty("text").GetString()!.Contains(name))];
        }
        var alert = (await Probe.Until(Ours, l => l.Count > 0, Probe.CrossService, "the stock-out alert")).ShouldHaveSingleItem();
        alert.GetProperty("text").GetString()!.ShouldStartWith($"⛔ 缺货:{name} 黑色 已无库存(补货点 2)");

        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts",
            new { reference = "E2E-OUT-R2", lines = new[] { new { sku, quantity = 12 } } })).EnsureSuccessStatusCode();
        var messages = await Probe.Until(Ours, l => l.Count > 1, Probe.CrossService, "the restock note");
        var note = messages.Single(m => m.GetProperty("text").GetString()!.StartsWith("✅ 已补货"));
        note.GetProperty("text").GetString().ShouldBe($"✅ 已补货:{name} 黑色 现有 12 支(补货点 2)");
        note.GetProperty("replyTo").GetString().ShouldBe(alert.GetProperty("id").GetString());
        messages.Count.ShouldBe(2, "one alert and one note: " + string.Join(" | ", messages.Select(m => m.GetProperty("text").GetString())));
    }

    private static string? StockWatchChannel(JsonElement channels, string branch)
    {
        var list = channels.ValueKind == JsonValueKind.Array ? channels : channels.GetProperty("items");
        return list.EnumerateArray()
            .Where(c => c.GetProperty("name").GetString()!.Contains("库存监控")
                        && c.TryGetProperty("branch", out var b) && b.GetString() == branch)
            .Select(c => c.GetProperty("id").GetString())
            .FirstOrDefault();
    }
}
