using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Purchasing.Tests.Api;

public sealed class DemoSeedTests : IAsyncLifetime
{
    private IsolatedServers servers = null!;

    public async Task InitializeAsync() => servers = await TestServers.IsolateAsync("purchasingseed");

    public async Task DisposeAsync() => await servers.DisposeAsync();

    [Fact]
    public async Task The_demo_seed_registers_the_chenguang_supplier_the_demo_login_is_bound_to_once_across_restarts()
    {
        var settings = new Dictionary<string, string?> { ["Seed:Demo"] = "true" };
        await using (var first = new ServiceFactory<PurchasingService>(servers, settings)) first.Start();
        await using var second = new ServiceFactory<PurchasingService>(servers, settings);
        using var owner = second.ClientFor(TestTokens.Issue("demo", "owner", ["owner"], ["main", "east"]));

        var suppliers = await owner.GetFromJsonAsync<JsonElement>("api/purchasing/suppliers");

        suppliers.GetArrayLength().ShouldBe(3);
        var chenguang = suppliers.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "demo-supplier-chenguang");
        chenguang.GetProperty("name").GetString().ShouldBe("晨光文具供应商");
        chenguang.GetProperty("leadTimeDays").GetInt32().ShouldBe(3);
        chenguang.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["笔类", "本册"]);
    }
}
