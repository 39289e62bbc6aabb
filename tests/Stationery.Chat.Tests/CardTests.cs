using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>The low-stock card's 加入采购清单 button: a chat press becomes Purchasing's event, and its outcome comes back to the card.</summary>
public sealed class CardTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task Pressing_add_to_purchase_list_on_an_alert_card_asks_purchasing_once_and_the_card_shows_the_outcome_live()
    {
        var requests = await fixture.Bus.ObserveAsync<PurchaseRequestedFromChat>();
        using var owner = fixture.ClientFor("owner");
        using var clerk = fixture.ClientFor("clerk");
        await using var clerkLive = await fixture.ConnectAsync("clerk");
        var sku = $"CARD-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(AlertChanges.Low("main", sku, "得力订书钉", "24/6", "盒", 2, 5, 20, DateTimeOffset.UtcNow));

        var alert = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Card?.Title.Contains("得力订书钉") == true), what: "the alert card")).Single(m => m.Card?.Title.Contains("得力订书钉") == true);
        alert.Card!.Kind.ShouldBe("low-stock");
        alert.Card.Title.ShouldBe("低库存 · 得力订书钉 24/6");
        alert.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("现有", "2 盒"), ("补货点", "5 盒"), ("建议补货", "20 盒")]);
        var button = alert.Card.Actions.ShouldHaveSingleItem();
        (button.Id, button.Label).ShouldBe(("add-to-purchase-list", "加入采购清单 20"));

        var press = await owner.PostAsync($"api/chat/messages/{alert.Id}/actions/{button.Id}", null);
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var pending = (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!;
        (pending.Status, pending.ResolvedBy, pending.Resolution).ShouldBe(("pending", "张店长", "正在加入采购清单…"));
        pending.Actions.ShouldBeEmpty();

        var again = await clerk.PostAsync($"api/chat/messages/{alert.Id}/actions/{button.Id}", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("张店长");

        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.Sku == sku).ToList()), l => l.Count > 0,
            what: "PurchaseRequestedFromChat")).ShouldHaveSingleItem().Message;
        (request.TenantId, request.BranchId, request.Quantity, request.RequestedBy, request.ChatMessageId)
            .ShouldBe((ChatFixture.Tenant, "main", 20, "owner", alert.Id));

        await fixture.Publish(new PurchaseListItemAdded(ChatFixture.Tenant, "main", "item-1", sku, "得力订书钉", "24/6", "盒", 20, "来自聊天",
            "chat", "owner", alert.Id, DateTimeOffset.UtcNow));

        var done = await Probe.Until(() => Task.FromResult(clerkLive.Updates.FirstOrDefault(u => u.Id == alert.Id && u.Card?.Status == "done")),
            u => u is not null, what: "the card's outcome pushed live");
        (done!.Card!.Resolution, done.Card.ResolvedBy).ShouldBe(("已加入采购清单 20 盒", "张店长"));
        (await ChatFixture.MessagesAsync(owner, "main-stock-watch", alert.Seq - 1)).First().Card!.Status.ShouldBe("done");
        requests.Count(r => r.Message.Sku == sku).ShouldBe(1);
    }

    [Fact]
    public async Task Pressing_a_button_of_a_card_in_a_channel_one_is_not_in_or_an_unknown_button_is_404()
    {
        using var owner = fixture.ClientFor("owner");
        using var clerkEast = fixture.ClientFor("clerk-east");
        var sku = $"CARD-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(AlertChanges.Low("main", sku, "晨光中性笔", "0.5 黑", "支", 1, 10, 50, DateTimeOffset.UtcNow));
        var alert = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-stock-watch"),
            h => h.Any(m => m.Card?.Title.Contains("晨光中性笔") == true), what: "the alert card")).Single(m => m.Card?.Title.Contains("晨光中性笔") == true);

        (await clerkEast.PostAsync($"api/chat/messages/{alert.Id}/actions/add-to-purchase-list", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.PostAsync($"api/chat/messages/{alert.Id}/actions/launch-rocket", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.PostAsync($"api/chat/messages/{Guid.NewGuid()}/actions/add-to-purchase-list", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
