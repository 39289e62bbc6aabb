using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>
/// The delivery day through the API and the chat button: asked for on placing, agreed (possibly changed) by the supplier's
/// confirmation, shown on the order and its timeline and published for Chat to tell the owner; a day in the past is a 400.
/// </summary>
public class ConfirmingWithDates(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    [Fact]
    public async Task The_supplier_confirms_another_delivery_day_which_the_order_its_timeline_and_the_published_confirmation_carry()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        using var guest = host.SupplierGuest(chain, supplier);

        var placed = await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId = supplier, lines = new[] { new { sku = "HL-Y", quantity = 100 } }, expectedBy = Day(Today.AddDays(10)) });
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        var id = order.GetProperty("id").GetString()!;
        (order.GetProperty("expectedBy").GetString(), order.GetProperty("orderedExpectedBy").GetString()).ShouldBe((Day(Today.AddDays(10)), Day(Today.AddDays(10))));

        // A day in the past is refused, with every other field error of the request, and nothing is recorded.
        (await ErrorFieldsAsync(await guest.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/confirm",
            new { expectedBy = Day(Today.AddDays(-1)), lines = new[] { new { sku = "HL-Y", quantity = -1 } } }))).Order()
            .ShouldBe(["expectedBy", "lines[0].quantity"]);
        (await ErrorFieldsAsync(await guest.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/confirm", new { expectedBy = Day(Today.AddDays(-1)) })))
            .ShouldBe(["expectedBy"]);
        (await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}")).GetProperty("status").GetString().ShouldBe("placed");

        var confirmed = await guest.PostAsJsonAsync($"api/purchasing/purchase-orders/{id}/confirm",
            new { expectedBy = Day(Today.AddDays(12)), lines = new[] { new { sku = "HL-Y", quantity = 80 } } });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}");
        (view.GetProperty("expectedBy").GetString(), view.GetProperty("orderedExpectedBy").GetString()).ShouldBe((Day(Today.AddDays(12)), Day(Today.AddDays(10))));
        view.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "confirmed").GetProperty("text").GetString()
            .ShouldBe($"供应商王经理 确认订单:晨光荧光笔 80支(原订 100支),到货日期改为 {Day(Today.AddDays(12))}(原定 {Day(Today.AddDays(10))})");

        var published = (await Probe.Until(() => Task.FromResult(host.Integrator.Received<PurchaseOrderConfirmed>().Where(c => c.PurchaseOrderId == id).ToList()),
            l => l.Count > 0, what: "PurchaseOrderConfirmed")).ShouldHaveSingleItem();
        (published.ExpectedBy, published.OrderedExpectedBy, published.DateChanged, published.QuantitiesChanged)
            .ShouldBe((Today.AddDays(12), Today.AddDays(10), true, true));

        var csv = Encoding.UTF8.GetString(await owner.GetByteArrayAsync($"api/purchasing/purchase-orders/{id}/timeline.csv"));
        csv.ShouldContain($"到货日期改为 {Day(Today.AddDays(12))}");
    }

    [Fact]
    public async Task An_order_placed_with_a_day_in_the_past_is_a_400_naming_expectedBy_and_without_a_day_expects_the_lead_time()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商", leadTimeDays: 4);

        (await ErrorFieldsAsync(await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId = supplier, lines = new[] { new { sku = "HL-Y", quantity = 10 } }, expectedBy = Day(Today.AddDays(-2)) }))).ShouldBe(["expectedBy"]);
        (await ErrorFieldsAsync(await owner.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { fromPurchaseList = true, expectedBy = Day(Today.AddDays(-2)) }))).ShouldBe(["expectedBy"]);

        var order = await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 10);
        order.GetProperty("expectedBy").GetString().ShouldBe(Day(Today.AddDays(4)));
        var confirmed = await (await owner.PostAsJsonAsync($"api/purchasing/purchase-orders/{order.GetProperty("id").GetString()}/confirm", new { }))
            .Content.ReadFromJsonAsync<JsonElement>();
        (confirmed.GetProperty("expectedBy").GetString(), confirmed.GetProperty("orderedExpectedBy").GetString()).ShouldBe((Day(Today.AddDays(4)), Day(Today.AddDays(4))));
    }

    [Fact]
    public async Task A_confirmation_pressed_in_chat_with_another_day_confirms_the_order_for_that_day()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var id = (await PurchasingHost.PlaceOrderAsync(owner, supplier, "HL-Y", 10)).GetProperty("id").GetString()!;

        await host.Integrator.Publish(new PurchaseOrderConfirmationRequestedFromChat(chain, "main", id, supplier, "guest", "供应商王经理",
            Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) { ExpectedBy = Today.AddDays(7) });

        var view = await Probe.Until(() => owner.GetFromJsonAsync<JsonElement>($"api/purchasing/purchase-orders/{id}"),
            o => o.GetProperty("status").GetString() == "confirmed", what: "the order confirmed from chat");
        (view.GetProperty("expectedBy").GetString(), view.GetProperty("orderedExpectedBy").GetString()).ShouldBe((Day(Today.AddDays(7)), Day(Today.AddDays(3))));
    }
}
