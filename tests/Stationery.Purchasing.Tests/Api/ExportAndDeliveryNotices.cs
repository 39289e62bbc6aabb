using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>The order's timeline as CSV (cost column for cost roles only), and the supplier's delivery notice.</summary>
public class ExportAndDeliveryNotices(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    [Fact]
    public async Task The_timeline_exports_as_bom_csv_with_the_amount_column_for_cost_roles_only_and_formula_safe_text()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        using var prankster = host.Service.ClientFor(TestTokens.Issue(chain, "clerk-2", ["clerk"], ["main"], "=SUM(1+1)"));
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        await PurchasingHost.QuoteAsync(owner, supplier, "HL-Y", 1.20m);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 100)).GetProperty("id").GetString()!;
        (await prankster.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/receipts", new { lines = new[] { new { sku = "HL-Y", quantity = 50 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/cancel", new { reason = "供应商缺货, 不等了" })).EnsureSuccessStatusCode();

        var response = await owner.GetAsync($"api/purchasing/purchase-orders/{id}/timeline.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName)!.Trim('"').ShouldBe($"{id}-timeline.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows[0].ShouldBe("采购单,序号,时间,事件,操作人,内容,金额");
        rows.Length.ShouldBe(5);
        rows[1].ShouldStartWith($"{id},1,");
        rows[1].ShouldEndWith(",placed,张店长,\"张店长 向 晨光文具供应商 下单:晨光荧光笔 黄色 100支,预计 " +
                              DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd") + " 到货\",120.00");
        rows[2].ShouldEndWith(",goods-received,'=SUM(1+1),'=SUM(1+1) 收货:晨光荧光笔 50支(累计 50/100),60.00", customMessage: "formula-like cells are defused");
        rows[3].ShouldContain(",discrepancy,,到货差异:");
        rows[3].ShouldEndWith(",");
        rows[4].ShouldEndWith(",cancelled,张店长,\"张店长 取消订单:供应商缺货, 不等了,未到货 晨光荧光笔 黄色 50支 不再送\",");

        var clerkCsv = Encoding.UTF8.GetString(await clerk.GetByteArrayAsync($"api/purchasing/purchase-orders/{id}/timeline.csv"));
        clerkCsv.Split("\r\n")[0].ShouldBe("\uFEFF采购单,序号,时间,事件,操作人,内容");
        clerkCsv.ShouldNotContain("120.00");
        clerkCsv.ShouldNotContain("60.00");
        using var other = host.SupplierGuest(chain, "another-supplier");
        (await other.GetAsync($"api/purchasing/purchase-orders/{id}/timeline.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_supplier_announces_a_delivery_which_goes_on_the_timeline_and_the_bus_and_no_one_else_may()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplierId = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplierId, "HL-Y", 100)).GetProperty("id").GetString()!;
        using var supplier = host.SupplierGuest(chain, supplierId);
        using var other = host.SupplierGuest(chain, "another-supplier");
        var on = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2));

        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/delivery-notices", new { expectedOn = on })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/delivery-notices", new { expectedOn = on })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await supplier.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/delivery-notices",
            new { expectedOn = "2020-01-01", lines = new[] { new { sku = "HL-Y", quantity = 0 } } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["expectedOn", "lines[0].quantity"], ignoreOrder: true);
        (await supplier.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/delivery-notices",
            new { expectedOn = on, lines = new[] { new { sku = "HL-Y", quantity = 200 } } })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var response = await supplier.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/delivery-notices",
            new { expectedOn = on, lines = new[] { new { sku = "HL-Y", quantity = 60 } }, note = "顺丰 SF123" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        order.GetProperty("announcedDeliveryOn").GetString().ShouldBe(on.ToString("yyyy-MM-dd"));
        var entry = order.GetProperty("timeline").EnumerateArray().Last();
        entry.GetProperty("kind").GetString().ShouldBe("delivery-announced");
        entry.GetProperty("text").GetString().ShouldBe($"供应商王经理 通知发货:晨光荧光笔 60支,预计 {on:yyyy-MM-dd} 到货(顺丰 SF123)");
        var published = await Probe.Until(() => Task.FromResult(host.Integrator.Received<DeliveryAnnounced>().Where(e => e.PurchaseOrderId == id).ToList()),
            l => l.Count == 1, what: "DeliveryAnnounced");
        (published[0].SupplierId, published[0].ExpectedOn, published[0].Note).ShouldBe((supplierId, on, "顺丰 SF123"));
        published[0].Lines.ShouldBe([new AnnouncedLine("HL-Y", "晨光荧光笔", "支", 60)]);

        (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/cancel", new { })).EnsureSuccessStatusCode();
        (await supplier.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/delivery-notices", new { expectedOn = on })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Words_in_the_order_cards_chat_thread_are_on_its_timeline_for_the_supplier_channels_members_but_not_for_clerks()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        using var clerk = host.Clerk(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplierId = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        using var supplier = host.SupplierGuest(chain, supplierId);
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplierId, "HL-Y", 100)).GetProperty("id").GetString()!;
        var channel = $"supplier-{supplierId}";
        var card = Guid.NewGuid().ToString();
        Contracts.Chat.MessagePosted Said(string messageId, string author, string name, string text, string? replyTo) =>
            new(chain, channel, null, messageId, 1, author, name, text, [], false, DateTimeOffset.UtcNow) { ReplyTo = replyTo };

        await host.Integrator.Publish(Said(card, "bot", "采购助手", "🧾 新采购单", null) with
        {
            Card = new Contracts.Chat.ChatCard("purchase-order", $"采购单 {id}", [], [], "open", null, null) { PurchaseOrderId = id },
        });
        await Probe.Until(async () =>
        {
            await using var session = host.Service.Service<Marten.IDocumentStore>().QuerySession(chain);
            return await session.LoadAsync<PurchaseOrders.Discussing.OrderThreadCard>(card) is not null;
        }, what: "the card's thread known");
        var reply = Guid.NewGuid().ToString();
        var message = Said(reply, "guest-of-" + supplierId, "供应商王经理", "只有50支现货,剩下的下周补", card);
        await host.Integrator.Publish(message);
        await host.Integrator.Publish(message); // a repost of the same chat message
        await host.Integrator.Publish(Said(Guid.NewGuid().ToString(), "owner", "张店长", "别的话题", null)); // not in the thread

        var order = await Probe.Until(() => owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}"),
            o => o.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "chat-message"), what: "the words on the timeline");
        var said = order.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "chat-message").ToList();
        said.ShouldHaveSingleItem().GetProperty("text").GetString().ShouldBe("供应商王经理:只有50支现货,剩下的下周补");
        (await supplier.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}")).GetProperty("timeline").GetRawText().ShouldContain("剩下的下周补");
        (await clerk.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}")).GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("kind").GetString()).ShouldBe(["placed"]);
        Encoding.UTF8.GetString(await clerk.GetByteArrayAsync($"api/purchasing/purchase-orders/{id}/timeline.csv")).ShouldNotContain("下周补");
        Encoding.UTF8.GetString(await owner.GetByteArrayAsync($"api/purchasing/purchase-orders/{id}/timeline.csv")).ShouldContain("下周补");
    }
}
