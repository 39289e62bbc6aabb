using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Stationery.Identity.Seeding;
using Stationery.Testing;

namespace Stationery.Identity.Tests;

public class DemoSeedTests(DemoSeededHost host) : IClassFixture<DemoSeededHost>
{
    [Fact]
    public async Task The_demo_seed_creates_the_demo_chain_and_the_owner_can_log_in()
    {
        var owner = await host.LogInAsync("demo", "owner", DemoSeed.Password);

        var jwt = new JsonWebToken(owner);
        jwt.GetClaim("name").Value.ShouldBe("张店长");
        jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["owner"]);
        jwt.Claims.Where(c => c.Type == "branch").Select(c => c.Value).ShouldBe(["main", "east"]);

        var branches = await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/branches");
        branches!.Select(b => (b.GetProperty("code").GetString(), b.GetProperty("name").GetString(), b.GetProperty("timeZone").GetString()))
            .ShouldBe([("main", "总店", "Asia/Shanghai"), ("east", "东区店", "Asia/Shanghai")]);

        var staff = await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/staff");
        staff!.Select(s => (s.GetProperty("username").GetString(), s.GetProperty("displayName").GetString()))
            .ShouldBe([("clerk", "小李"), ("clerk-east", "小王"), ("owner", "张店长"), ("supplier", "晨光文具供应商")]);
    }

    [Fact]
    public async Task Every_demo_login_works_with_its_roles()
    {
        var clerk = new JsonWebToken(await host.LogInAsync("demo", "clerk", DemoSeed.Password));
        clerk.Claims.Where(c => c.Type == "branch").Select(c => c.Value).ShouldBe(["main"]);
        var clerkEast = new JsonWebToken(await host.LogInAsync("demo", "clerk-east", DemoSeed.Password));
        clerkEast.Claims.Where(c => c.Type == "branch").Select(c => c.Value).ShouldBe(["east"]);
        var supplier = new JsonWebToken(await host.LogInAsync("demo", "supplier", DemoSeed.Password));
        supplier.GetClaim("supplier").Value.ShouldBe(DemoSeed.SupplierId);
    }

    [Fact]
    public async Task Starting_again_with_the_seed_on_changes_nothing()
    {
        await using (var second = new ServiceFactory<IdentityService>(host.Servers, new Dictionary<string, string?> { ["Seed:Demo"] = "true" }))
            second.Start();

        var owner = await host.LogInAsync("demo", "owner", DemoSeed.Password);
        var staff = await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/staff");
        staff!.Length.ShouldBe(4);
    }
}
