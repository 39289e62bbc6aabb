using System.Text.Json;
using Stationery.Inventory.Alerts;
using Stationery.Testing;

namespace Stationery.Inventory.Tests.Api;

/// <summary>A product without a reorder point gets one computed from its sales by the daily pass, shown apart from explicit ones.</summary>
public sealed class ComputedPolicies(ClockedHost host) : IClassFixture<ClockedHost>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Twenty_days_of_three_a_day_compute_reorder_point_21_and_max_63_and_the_alert_opens_at_once()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"CP-{Guid.NewGuid():N}"[..16]);
        host.Clock.Now = new DateTimeOffset(2026, 9, 1, 10, 0, 0, China);
        await (await owner.ReceiveAsync("main", "R-1", (sku, 80))).ShouldBe(200);
        for (var day = 0; day < 20; day++)
        {
            host.Clock.Now = new DateTimeOffset(2026, 9, 1 + day, 12, 0, 0, China);
            await (await host.Clerk().PostAsJsonAsync("api/inventory/branches/main/sales",
                new { reference = $"POS-{day}", soldAt = host.Clock.Now, lines = new[] { new { sku, quantity = 3, unitPrice = 3.5m } } })).ShouldBe(200);
        }

        host.Clock.Now = new DateTimeOffset(2026, 9, 21, 6, 30, 0, China);
        await host.Service.Service<SlowMoverPass>().RunOnceAsync(CancellationToken.None);

        // 笔类: lead time 7 days by default; 3 a day with no spread → point 21, max 21 + 14 × 3 = 63; 20 on hand ≤ 21.
        var history = await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}");
        var computed = history.GetProperty("computedPolicy");
        (computed.GetProperty("reorderPoint").GetInt32(), computed.GetProperty("maxLevel").GetInt32(), computed.GetProperty("leadTimeDays").GetInt32(),
            computed.GetProperty("daysUsed").GetInt32(), computed.GetProperty("averageDailySales").GetDouble()).ShouldBe((21, 63, 7, 20, 3.0));
        var effective = history.GetProperty("effectivePolicy");
        (effective.GetProperty("reorderPoint").GetInt32(), effective.GetProperty("maxLevel").GetInt32(), effective.GetProperty("source").GetString())
            .ShouldBe((21, 63, "computed"));
        history.GetProperty("policy").GetProperty("reorderPoint").ValueKind.ShouldBe(JsonValueKind.Null);
        var kinds = history.GetProperty("ledger").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).TakeLast(2);
        kinds.ShouldBe(["policy-computed", "low-stock"]);
        var alert = (await owner.JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray().Single(a => a.GetProperty("sku").GetString() == sku);
        // Up to 63 from 20 = 43, in packs of 6 → 48.
        (alert.GetProperty("reorderPoint").GetInt32(), alert.GetProperty("suggestedQuantity").GetInt32()).ShouldBe((21, 48));
        var row = (await owner.JsonAsync("api/inventory/branches/main/stock")).EnumerateArray().Single(r => r.GetProperty("sku").GetString() == sku);
        row.GetProperty("policySource").GetString().ShouldBe("computed");

        // An explicit reorder point takes over at once.
        await (await owner.PolicyAsync("main", sku, reorderPoint: 10, maxLevel: 60)).ShouldBe(200);
        effective = (await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("effectivePolicy");
        (effective.GetProperty("reorderPoint").GetInt32(), effective.GetProperty("source").GetString()).ShouldBe((10, "explicit"));
    }

    [Fact]
    public async Task A_categorys_defaults_are_set_by_the_owner_and_read_back_with_what_was_left_to_the_defaults()
    {
        var owner = host.Owner();

        await (await host.Clerk().PutAsJsonAsync("api/inventory/categories/颜料/policy", new { leadTimeDays = 12 })).ProblemAsync(403);
        (await (await owner.PutAsJsonAsync("api/inventory/categories/颜料/policy", new { leadTimeDays = 0, coverDays = 0 })).ProblemAsync(400))
            .FieldErrors("coverDays").ShouldNotBeEmpty();
        await (await owner.PutAsJsonAsync("api/inventory/categories/颜料/policy", new { leadTimeDays = 12, coverDays = 21 })).ShouldBe(200);

        var policy = await host.Clerk().JsonAsync("api/inventory/categories/颜料/policy");
        var settings = policy.GetProperty("settings");
        (settings.GetProperty("leadTimeDays").GetInt32(), settings.GetProperty("coverDays").GetInt32(), settings.GetProperty("lookBackDays").GetInt32(),
            settings.GetProperty("safetyFactor").GetDouble()).ShouldBe((12, 21, 28, 1.65));
        policy.GetProperty("set").GetProperty("lookBackDays").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
