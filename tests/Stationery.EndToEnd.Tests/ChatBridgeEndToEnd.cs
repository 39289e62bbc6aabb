using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stationery.Testing;

namespace Stationery.EndToEnd.Tests;

/// <summary>
/// Issue 5's "bridge end to end": a clerk's house-format report in the branch group → Chat's card → Inventory compares it with
/// the books → the card shows the numbers → 加入采购清单 → Purchasing's purchase list has the item. Every service a real
/// process, every call through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatBridgeEndToEnd(PlatformProcesses platform)
{
    [Fact]
    public async Task A_house_format_report_gets_a_card_with_the_books_figures_and_its_button_puts_the_item_on_the_purchase_list()
    {
        using var owner = await GatewayClient.LoginAsync(platform.Gateway, "owner");
        using var clerk = await GatewayClient.LoginAsync(platform.Gateway, "clerk");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var sku = $"E2E-BR-{suffix}";
        var name = $"桥接荧光笔{suffix}";
        (await owner.Http.PostAsJsonAsync("api/inventory/products", new
        {
            sku, name, spec = "黄色", brand = "晨光", category = "笔类", unit = "支", barcode = (string?)null, retailPrice = 3.5m, packSize = 10,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Probe.Until(async () => (await owner.Http.PutAsJsonAsync($"api/inventory/branches/main/products/{sku}/policy",
            new { reorderPoint = 5, maxLevel = 40 })).IsSuccessStatusCode, Probe.CrossService, "policy on branch main");
        (await owner.Http.PostAsJsonAsync("api/inventory/branches/main/receipts",
            new { reference = "E2E-BR-R1", lines = new[] { new { sku, quantity = 8 } } })).EnsureSuccessStatusCode();
        var group = await Probe.Until(async () => Channel(await clerk.GetJsonAsync("api/chat/channels"), "门店群"), c => c is not null,
            Probe.CrossService, "the clerk's 门店群 of main");

        // Chat learns the product from Inventory's ProductRegistered; until its copy has it, a report is ordinary chat.
        var card = await Probe.Until(async () =>
        {
            var said = await PostAsync(clerk, group!, $"[{name}][黄色][3][20]");
            try
            {
                return await Probe.Until(async () => Replies(await clerk.GetJsonAsync($"api/chat/channels/{group}/messages?after=0&limit=200"), said),
                    r => r.Count > 0, TimeSpan.FromSeconds(15), "the bot's card");
            }
            catch (TimeoutException)
            {
                return [];
            }
        }, r => r is { Count: > 0 }, Probe.CrossService, "a card answering the report");
        var cardId = card![0].GetProperty("id").GetString()!;

        var compared = await Probe.Until(async () => Message(await clerk.GetJsonAsync($"api/chat/channels/{group}/messages?after=0&limit=200"), cardId),
            m => Fields(m).ContainsKey("系统库存"), Probe.CrossService, "Inventory's comparison on the card");
        Fields(compared).ShouldBe(new Dictionary<string, string>
        {
            ["系统库存"] = "8 支", ["上报库存"] = "3 支", ["差异"] = "-5 支", ["在途订单"] = "0 支", ["建议补货"] = "20 支",
        });
        var buttons = compared.GetProperty("card").GetProperty("actions").EnumerateArray()
            .Select(a => (a.GetProperty("id").GetString(), a.GetProperty("label").GetString())).ToList();
        buttons.ShouldBe([("add-to-purchase-list", "加入采购清单 20"), ("record-spot-count", "记为盘点数量")]);

        (await owner.Http.PostAsync($"api/chat/messages/{cardId}/actions/add-to-purchase-list", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var item = await Probe.Until(async () => Items(await owner.GetJsonAsync("api/purchasing/branches/main/purchase-list"))
            .FirstOrDefault(i => i.GetProperty("sku").GetString() == sku), i => i.ValueKind == JsonValueKind.Object, Probe.CrossService,
            "the item on main's purchase list");
        item.GetProperty("quantity").GetInt32().ShouldBe(20);
        var done = await Probe.Until(async () => Message(await clerk.GetJsonAsync($"api/chat/channels/{group}/messages?after=0&limit=200"), cardId),
            m => m.GetProperty("card").GetProperty("status").GetString() == "done", Probe.CrossService, "the card closed");
        done.GetProperty("card").GetProperty("resolution").GetString().ShouldBe("已加入采购清单 20 支");
        // The books were not changed by the report.
        (await owner.GetJsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(8);
    }

    private static async Task<string> PostAsync(GatewayClient client, string channel, string text)
    {
        var response = await client.Http.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).EnumerateArray();

    private static List<JsonElement> Replies(JsonElement messages, string to) =>
        [.. Items(messages).Where(m => m.TryGetProperty("replyTo", out var r) && r.GetString() == to
            && m.TryGetProperty("card", out var c) && c.ValueKind == JsonValueKind.Object)];

    private static JsonElement Message(JsonElement messages, string id) => Items(messages).Single(m => m.GetProperty("id").GetString() == id);

    private static Dictionary<string, string> Fields(JsonElement message) =>
        message.GetProperty("card").GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("value").GetString()!);

    private static string? Channel(JsonElement channels, string name) =>
        Items(channels).Where(c => c.GetProperty("name").GetString()!.Contains(name)
                && c.TryGetProperty("branch", out var b) && b.GetString() == "main")
            .Select(c => c.GetProperty("id").GetString()).FirstOrDefault();
}
