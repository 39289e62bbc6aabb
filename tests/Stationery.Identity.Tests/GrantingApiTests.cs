using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stationery.Identity.Tests;

/// <summary>Grants within one's own reach through the API: each refusal is a 403 problem naming the rule, Chinese first.</summary>
public class GrantingApiTests(IdentityHost host) : IClassFixture<IdentityHost>
{
    private static string NewChain(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>A chain with branches main and east, its founding owner, an owner of east only and a manager of main.</summary>
    private async Task<(string Chain, string Founder, string EastOwner, string Manager, string ManagerId, string EastOwnerId)> ChainAsync()
    {
        var chain = NewChain("grant");
        var founder = await host.SignUpAsync(chain);
        foreach (var (code, name) in new[] { ("main", "总店"), ("east", "东区店") })
            (await host.As(founder).PostAsJsonAsync("/api/identity/branches", new { code, name, timeZone = "Asia/Shanghai" })).EnsureSuccessStatusCode();
        var eastOwnerId = await AddAsync(founder, "east-owner", ["owner"], ["east"]);
        var managerId = await AddAsync(founder, "manager", ["manager"], ["main"]);
        return (chain, founder, await host.LogInAsync(chain, "east-owner", IdentityHost.Password), await host.LogInAsync(chain, "manager", IdentityHost.Password),
            managerId, eastOwnerId);
    }

    private async Task<string> AddAsync(string token, string username, string[] roles, string[] branches)
    {
        var response = await Add(token, username, roles, branches);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private Task<HttpResponseMessage> Add(string token, string username, string[] roles, string[] branches) =>
        host.As(token).PostAsJsonAsync("/api/identity/staff", new { username, displayName = "新同事", password = IdentityHost.Password, roles, branches });

    private Task<HttpResponseMessage> Change(string token, string id, string[] roles, string[] branches) =>
        host.As(token).PutAsJsonAsync($"/api/identity/staff/{id}", new { roles, branches });

    private static async Task<string> Refusal(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task The_owner_of_east_cannot_give_hq_to_a_new_account_or_to_themselves()
    {
        var c = await ChainAsync();
        (await Refusal(await Add(c.EastOwner, "would-be-hq", ["hq"], []))).ShouldStartWith("只有总部 (hq) 或创建连锁的店主可以授予 hq");
        (await Refusal(await Change(c.EastOwner, c.EastOwnerId, ["hq"], []))).ShouldStartWith("不能修改自己的角色");
    }

    [Fact]
    public async Task The_owner_of_east_cannot_grant_branch_main_nor_touch_the_manager_of_main()
    {
        var c = await ChainAsync();
        (await Refusal(await Add(c.EastOwner, "main-clerk", ["clerk"], ["main"]))).ShouldStartWith("你不能授予自己没有的门店：main");
        (await Refusal(await Change(c.EastOwner, c.ManagerId, ["clerk"], ["east"]))).ShouldStartWith("该账号的权限范围超出你的范围");
        (await Refusal(await host.As(c.EastOwner).PostAsync($"/api/identity/staff/{c.ManagerId}/disable", null)))
            .ShouldStartWith("该账号的权限范围超出你的范围，你不能停用它");
        await AddAsync(c.EastOwner, "east-clerk", ["clerk"], ["east"]);
    }

    [Fact]
    public async Task A_manager_cannot_make_anyone_owner()
    {
        var c = await ChainAsync();
        (await Refusal(await Change(c.Manager, c.ManagerId, ["owner"], ["main"]))).ShouldStartWith("需要权限 directory.manage");
        (await Refusal(await Add(c.Manager, "new-owner", ["owner"], ["main"]))).ShouldContain("only owner / hq may");
    }

    [Fact]
    public async Task The_founding_owner_grants_hq_and_the_new_hq_grants_hq_in_turn()
    {
        var c = await ChainAsync();
        var changed = await Change(c.Founder, c.EastOwnerId, ["hq"], []);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["hq"]);
        var hq = await host.LogInAsync(c.Chain, "east-owner", IdentityHost.Password);
        await AddAsync(hq, "second-hq", ["hq"], []);
    }

    [Fact]
    public async Task Me_names_the_permissions_and_reach_of_the_callers_roles()
    {
        var c = await ChainAsync();
        var me = await host.As(c.Manager).GetFromJsonAsync<JsonElement>("/api/identity/me");
        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        permissions.ShouldContain("stock.adjust");
        permissions.ShouldContain("orders.place");
        permissions.ShouldNotContain("costs.see");
        permissions.ShouldNotContain("directory.manage");
        permissions.ShouldNotContain("session");
        var reach = me.GetProperty("reach");
        reach.GetProperty("allBranches").GetBoolean().ShouldBeFalse();
        reach.GetProperty("branches").EnumerateArray().Select(b => b.GetString()).ShouldBe(["main"]);

        var founder = await host.As(c.Founder).GetFromJsonAsync<JsonElement>("/api/identity/me");
        founder.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain("costs.see");
    }
}
