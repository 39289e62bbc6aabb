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

    [Fact]
    public async Task The_policy_preview_computes_from_real_sales_as_the_owner_types_and_writes_nothing()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"PV-{Guid.NewGuid():N}"[..16]);
        host.Clock.Now = new DateTimeOffset(2026, 10, 1, 10, 0, 0, China);
        await (await owner.ReceiveAsync("main", "R-1", (sku, 80))).ShouldBe(200);
        for (var day = 0; day < 20; day++)
        {
            host.Clock.Now = new DateTimeOffset(2026, 10, 1 + day, 12, 0, 0, China);
            await (await host.Clerk().PostAsJsonAsync("api/inventory/branches/main/sales",
                new { reference = $"POS-{day}", soldAt = host.Clock.Now, lines = new[] { new { sku, quantity = 3, unitPrice = 3.5m } } })).ShouldBe(200);
        }
        host.Clock.Now = new DateTimeOffset(2026, 10, 21, 9, 0, 0, China);
        var preview = $"api/inventory/branches/main/products/{sku}/policy/preview";

        // Nothing typed: the daily pass's figures (3 a day, lead time 7 → 21; max 21 + 14 × 3 = 63; 20 on hand → 43 → packs of 6 → 48).
        (await Figures(owner, preview)).ShouldBe((21, 63, "computed", 48, true, 7, 3.0));
        // Lead time 10 → 30, max 30 + 42 = 72, 52 → 54.
        (await Figures(owner, $"{preview}?leadTimeDays=10")).ShouldBe((30, 72, "computed", 54, true, 10, 3.0));
        // Cover 7 days → max 21 + 21 = 42, 22 → 24.
        (await Figures(owner, $"{preview}?coverDays=7")).ShouldBe((21, 42, "computed", 24, true, 7, 3.0));
        // An explicit point wins over the computed one; 20 on hand is above 10, so no alert; up to 60 → 40 → 42.
        (await Figures(owner, $"{preview}?reorderPoint=10&maxLevel=60")).ShouldBe((10, 60, "explicit", 42, false, 7, 3.0));

        // A preview is only a preview: nothing was computed or set on the item.
        var history = await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}");
        history.GetProperty("computedPolicy").ValueKind.ShouldBe(JsonValueKind.Null);
        history.GetProperty("effectivePolicy").GetProperty("source").GetString().ShouldBe("none");
    }

    [Fact]
    public async Task The_policy_preview_names_a_bad_figure_refuses_clerks_and_does_not_show_another_chains_product()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"PV-{Guid.NewGuid():N}"[..16]);
        var preview = $"api/inventory/branches/main/products/{sku}/policy/preview";

        var bad = await (await owner.GetAsync($"{preview}?coverDays=0&reorderPoint=20&maxLevel=10")).ProblemAsync(400);
        bad.FieldErrors("coverDays").ShouldNotBeEmpty();
        bad.FieldErrors("maxLevel").ShouldNotBeEmpty();
        await (await host.Clerk().GetAsync(preview)).ProblemAsync(403);
        await (await host.Manager("east").GetAsync(preview)).ProblemAsync(403);
        await (await host.Owner("rival").GetAsync(preview)).ProblemAsync(404);

        // No sales yet: nothing to compute from, no point in force, nothing to suggest.
        var empty = await owner.JsonAsync(preview);
        empty.GetProperty("computed").ValueKind.ShouldBe(JsonValueKind.Null);
        (empty.GetProperty("effective").GetProperty("source").GetString(), empty.GetProperty("suggestedQuantity").ValueKind, empty.GetProperty("wouldAlert").GetBoolean())
            .ShouldBe(("none", JsonValueKind.Null, false));
    }

    private static async Task<(int Point, int Max, string? Source, int Suggested, bool Alert, int LeadTime, double Average)> Figures(HttpClient owner, string url)
    {
        var p = await owner.JsonAsync(url);
        var effective = p.GetProperty("effective");
        var average = p.GetProperty("computed") is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("averageDailySales").GetDouble() : double.NaN;
        return (effective.GetProperty("reorderPoint").GetInt32(), effective.GetProperty("maxLevel").GetInt32(), effective.GetProperty("source").GetString(),
            p.GetProperty("suggestedQuantity").GetInt32(), p.GetProperty("wouldAlert").GetBoolean(), p.GetProperty("settings").GetProperty("leadTimeDays").GetInt32(),
            average);
    }
}
