using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>A quote a supplier posted in its channel, confirmed on Chat's card, becomes a quote in the comparison view.</summary>
public class QuotesFromChat(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    private static SupplierQuoteConfirmedInChat Confirmed(string chain, string supplierId, decimal unitCost, DateOnly? validUntil = null,
        string[]? roles = null, string card = "card-1") =>
        new(chain, supplierId, "HL-Y", unitCost, 100, validUntil, "guest", "owner", "张店长", roles ?? ["owner"], "quote-1", card, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_quote_confirmed_in_chat_is_recorded_and_announced_without_its_price()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");

        await host.Integrator.Publish(Confirmed(chain, supplier, 1.15m) with { PackSize = 12 });

        var quotes = await Probe.Until(() => owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=HL-Y"), q => q.GetArrayLength() == 1,
            what: "the quote in the comparison view");
        quotes[0].GetProperty("unitCost").GetDecimal().ShouldBe(1.15m);
        quotes[0].GetProperty("minOrderQty").GetInt32().ShouldBe(100);
        quotes[0].GetProperty("packSize").GetInt32().ShouldBe(12, "the pack size the supplier wrote");
        DateOnly.Parse(quotes[0].GetProperty("validUntil").GetString()!).ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
            "no 有效期 in the post: the default 30 days");
        var recorded = await Probe.Until(() => Task.FromResult(host.Integrator.Received<SupplierQuoteRecorded>().Where(q => q.TenantId == chain).ToList()),
            l => l.Count == 1, what: "SupplierQuoteRecorded");
        (recorded[0].SupplierId, recorded[0].Sku, recorded[0].ChatMessageId, recorded[0].RecordedBy).ShouldBe((supplier, "HL-Y", "card-1", "owner"));
        JsonSerializer.Serialize(recorded[0]).ShouldNotContain("1.15");
    }

    [Fact]
    public async Task A_press_without_the_cost_right_or_a_date_already_past_records_nothing()
    {
        var chain = PurchasingHost.NewChain();
        using var owner = host.Owner(chain);
        await host.RegisterProductAsync(chain, "HL-Y", "晨光荧光笔", "黄色");
        var supplier = await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商");
        var byManager = NewId.NextGuid();
        var expired = NewId.NextGuid();

        await host.Integrator.Publish(Confirmed(chain, supplier, 0.5m, roles: ["manager"], card: "card-m"), byManager);
        await host.Integrator.Publish(Confirmed(chain, supplier, 0.6m, validUntil: new DateOnly(2020, 1, 1), card: "card-x"), expired);

        await Probe.Until(() => Task.FromResult(host.Consumed.Count(byManager) == 1 && host.Consumed.Count(expired) == 1), what: "both handled");
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=HL-Y")).GetArrayLength().ShouldBe(0);
        host.Integrator.Received<SupplierQuoteRecorded>().ShouldNotContain(q => q.TenantId == chain);
    }
}
