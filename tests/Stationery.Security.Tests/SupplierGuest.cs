using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>A supplier contact is a guest: its own supplier, its own orders, its own order and price channels, no branch channels, no directory.</summary>
[Collection(SecurityCollection.Name)]
public sealed class SupplierGuest(SecurityPlatform platform)
{
    [Fact]
    public async Task A_supplier_guest_sees_only_its_own_orders_quotes_and_supplier_and_none_of_the_branch_channels()
    {
        var other = await SecurityPlatform.Expect(platform.Owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId = "demo-supplier-deli", lines = new[] { new { sku = platform.A.Sku, quantity = 2 } } }), HttpStatusCode.Created);
        var otherId = other.GetProperty("id").GetString()!;
        var supplier = platform.Supplier;

        var orders = (await supplier.GetJsonAsync("api/purchasing/purchase-orders")).EnumerateArray().ToList();
        orders.ShouldContain(o => o.GetProperty("id").GetString() == platform.A.PurchaseOrderId, "its own order");
        orders.ShouldAllBe(o => o.GetProperty("supplierId").GetString() == SecurityPlatform.SupplierId);
        (await supplier.Http.GetAsync($"api/purchasing/purchase-orders/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supplier.Http.PostAsJsonAsync($"api/purchasing/purchase-orders/{otherId}/confirm", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var ownOrder = await supplier.GetJsonAsync($"api/purchasing/purchase-orders/{platform.A.PurchaseOrderId}");
        ownOrder.GetProperty("lines")[0].GetProperty("unitCost").GetDecimal().ShouldBe(1.23m, "a supplier sees its own prices");

        (await supplier.GetJsonAsync("api/purchasing/quotes")).EnumerateArray()
            .ShouldAllBe(q => q.GetProperty("supplierId").GetString() == SecurityPlatform.SupplierId);
        (await supplier.GetJsonAsync("api/purchasing/suppliers")).EnumerateArray().Select(s => s.GetProperty("id").GetString())
            .ShouldBe([SecurityPlatform.SupplierId]);

        var channels = await Probe.Until(async () => (await supplier.GetJsonAsync("api/chat/channels")).EnumerateArray().ToList(),
            l => l.Any(c => c.GetProperty("kind").GetString() == "supplier") && l.Any(c => c.GetProperty("kind").GetString() == "prices"),
            Probe.CrossService, "the guest's order and price channels");
        string.Join(",", channels.Select(c => c.GetProperty("id").GetString()).Order()).ShouldBe(
            $"prices-{SecurityPlatform.SupplierId},supplier-{SecurityPlatform.SupplierId}", "a guest is in its supplier's order and price channels and nothing else");
        var own = $"supplier-{SecurityPlatform.SupplierId}";
        (await supplier.Http.PostAsJsonAsync($"api/chat/channels/{own}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text = "明天上午送货" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created, "the guest posts in its own channel");
        (await supplier.Http.PostAsJsonAsync($"api/chat/channels/{platform.A.ChannelId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text = "hi" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "and nowhere else");
        (await supplier.Http.GetAsync($"api/chat/channels/{platform.A.ChannelId}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supplier.GetJsonAsync($"api/chat/search?q={Uri.EscapeDataString(platform.A.MessageText)}")).ToString()
            .ShouldNotContain(platform.A.MessageId, customMessage: "search covers the guest's own channels only");
        (await supplier.Http.GetAsync("api/identity/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await supplier.Http.GetAsync("api/inventory/branches/main/stock")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
