using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Stationery.Identity.Tests;

public class IdentityApiTests(IdentityHost host) : IClassFixture<IdentityHost>
{
    private static string NewChain(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> OpenBranch(string token, string code, string name) =>
        await host.As(token).PostAsJsonAsync("/api/identity/branches", new { code, name, timeZone = "Asia/Shanghai" });

    private async Task<HttpResponseMessage> AddStaff(string token, string username, string[] roles, string[] branches) =>
        await host.As(token).PostAsJsonAsync("/api/identity/staff",
            new { username, displayName = "小李", password = IdentityHost.Password, roles, branches });

    [Fact]
    public async Task Signing_up_then_logging_in_returns_a_token_carrying_chain_user_roles_and_branches()
    {
        var chain = NewChain("signup");
        var signUp = await host.Anonymous().PostAsJsonAsync("/api/identity/chains",
            new { chain, name = "好运文具", ownerUsername = "Boss", ownerPassword = IdentityHost.Password, ownerDisplayName = "王老板" });
        signUp.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ownerToken = await host.LogInAsync(chain, "boss", IdentityHost.Password);
        (await OpenBranch(ownerToken, "main", "总店")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var login = await host.Anonymous().PostAsJsonAsync("/api/identity/login", new { chain, username = "boss", password = IdentityHost.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await login.Content.ReadFromJsonAsync<IdentityHost.LoginBody>())!;
        body.User.Name.ShouldBe("王老板");
        body.User.Roles.ShouldBe(["owner"]);
        body.User.Branches.ShouldBe(["main"], "the owner who opened a branch owns it");
        body.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(10));
        body.ExpiresAt.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.AddMinutes(31), "access tokens are short-lived; clients refresh them");

        var jwt = new JsonWebToken(body.AccessToken);
        jwt.Alg.ShouldBe("ES256");
        jwt.GetClaim("tenant").Value.ShouldBe(chain);
        jwt.GetClaim("sub").Value.ShouldBe(body.User.Id);
        jwt.GetClaim("name").Value.ShouldBe("王老板");
        jwt.GetClaim("preferred_username").Value.ShouldBe("boss");
        jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["owner"]);
        jwt.Claims.Where(c => c.Type == "branch").Select(c => c.Value).ShouldBe(["main"]);
        jwt.Claims.ShouldNotContain(c => c.Type == "supplier");

        var me = await host.As(body.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me");
        me.GetProperty("id").GetString().ShouldBe(body.User.Id);
        me.GetProperty("chain").GetString().ShouldBe(chain);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_an_unknown_chain_get_the_same_401_problem()
    {
        var chain = NewChain("login");
        await host.SignUpAsync(chain);

        var attempts = new[]
        {
            new { chain, username = "owner", password = "wrong-password" },
            new { chain, username = "nobody", password = IdentityHost.Password },
            new { chain = NewChain("ghost"), username = "owner", password = IdentityHost.Password },
            new { chain = "NOT A CHAIN", username = "owner", password = IdentityHost.Password },
        };
        var details = new List<string>();
        foreach (var attempt in attempts)
        {
            var problem = await Problem(await host.Anonymous().PostAsJsonAsync("/api/identity/login", attempt), HttpStatusCode.Unauthorized);
            problem.GetProperty("type").GetString().ShouldEndWith("/invalid-credentials");
            details.Add(problem.GetProperty("detail").GetString()!);
        }
        details.Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Signing_up_a_chain_code_that_is_taken_answers_409()
    {
        var chain = NewChain("dup");
        await host.SignUpAsync(chain);

        var again = await host.Anonymous().PostAsJsonAsync("/api/identity/chains",
            new { chain, name = "冒名", ownerUsername = "someone", ownerPassword = IdentityHost.Password });

        var problem = await Problem(again, HttpStatusCode.Conflict);
        problem.GetProperty("type").GetString().ShouldEndWith("/chain-exists");
        problem.GetProperty("detail").GetString()!.ShouldStartWith($"连锁代码 '{chain}' 已被使用");
        (await host.LogInAsync(chain, "owner", IdentityHost.Password)).ShouldNotBeEmpty("the first owner keeps the chain");
    }

    [Fact]
    public async Task A_clerk_cannot_add_staff_or_open_branches()
    {
        var chain = NewChain("perm");
        var owner = await host.SignUpAsync(chain);
        (await OpenBranch(owner, "main", "总店")).EnsureSuccessStatusCode();
        (await AddStaff(owner, "clerk", ["clerk"], ["main"])).StatusCode.ShouldBe(HttpStatusCode.Created);
        var clerk = await host.LogInAsync(chain, "clerk", IdentityHost.Password);

        await Problem(await AddStaff(clerk, "friend", ["owner"], ["main"]), HttpStatusCode.Forbidden);
        await Problem(await OpenBranch(clerk, "west", "西区店"), HttpStatusCode.Forbidden);
        await Problem(await host.As(clerk).PostAsJsonAsync("/api/identity/supplier-contacts",
            new { supplierId = "s1", username = "s1", displayName = "供应商", password = IdentityHost.Password }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Malformed_json_answers_400_naming_the_field()
    {
        var body = new StringContent("""{"chain": "demo", "username": 42, "password": "x"}""", Encoding.UTF8, "application/json");

        var problem = await Problem(await host.Anonymous().PostAsync("/api/identity/login", body), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("username", out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var response = await host.Anonymous().PostAsJsonAsync("/api/identity/chains",
            new { chain = "Bad Code!", name = "", ownerUsername = "", ownerPassword = "short" });

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(["chain", "name", "ownerUsername", "ownerPassword"], ignoreOrder: true);
        problem.GetProperty("errors").GetProperty("ownerPassword")[0].GetString()!.ShouldContain("8");
    }

    [Fact]
    public async Task Staff_roles_must_be_known_and_branches_must_exist()
    {
        var owner = await host.SignUpAsync(NewChain("roles"));

        var problem = await Problem(await AddStaff(owner, "x", ["wizard"], ["nowhere"]), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("roles")[0].GetString()!.ShouldContain("wizard");
        problem.GetProperty("errors").GetProperty("username").GetArrayLength().ShouldBe(1);

        var unknownBranch = await Problem(await AddStaff(owner, "clerk", ["clerk"], ["nowhere"]), HttpStatusCode.BadRequest);
        unknownBranch.GetProperty("errors").GetProperty("branches")[0].GetString()!.ShouldContain("nowhere");
    }

    [Fact]
    public async Task Another_chains_token_sees_none_of_this_chains_branches_or_staff()
    {
        var a = NewChain("iso-a");
        var ownerA = await host.SignUpAsync(a);
        (await OpenBranch(ownerA, "main", "A 总店")).EnsureSuccessStatusCode();
        (await AddStaff(ownerA, "clerk-a", ["clerk"], ["main"])).EnsureSuccessStatusCode();
        var staffA = await host.As(ownerA).GetFromJsonAsync<JsonElement[]>("/api/identity/staff");
        var clerkA = staffA!.Single(s => s.GetProperty("username").GetString() == "clerk-a").GetProperty("id").GetString();
        var ownerB = await host.SignUpAsync(NewChain("iso-b"));

        (await host.As(ownerB).GetFromJsonAsync<JsonElement[]>("/api/identity/branches"))!.ShouldBeEmpty();
        var staffB = await host.As(ownerB).GetFromJsonAsync<JsonElement[]>("/api/identity/staff");
        staffB!.Select(s => s.GetProperty("username").GetString()).ShouldBe(["owner"]);
        (await host.As(ownerB).PutAsJsonAsync($"/api/identity/staff/{clerkA}", new { roles = new[] { "hq" }, branches = Array.Empty<string>() }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.As(ownerB).PostAsync($"/api/identity/staff/{clerkA}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.LogInAsync(a, "clerk-a", IdentityHost.Password)).ShouldNotBeEmpty("chain A's clerk is untouched");
    }

    [Fact]
    public async Task An_owner_changes_a_clerks_roles_and_a_disabled_clerk_can_no_longer_log_in()
    {
        var chain = NewChain("change");
        var owner = await host.SignUpAsync(chain);
        (await OpenBranch(owner, "main", "总店")).EnsureSuccessStatusCode();
        (await OpenBranch(owner, "east", "东区店")).EnsureSuccessStatusCode();
        var added = await (await AddStaff(owner, "clerk", ["clerk"], ["main"])).Content.ReadFromJsonAsync<JsonElement>();
        var id = added.GetProperty("id").GetString();

        var changed = await host.As(owner).PutAsJsonAsync($"/api/identity/staff/{id}", new { roles = new[] { "manager" }, branches = new[] { "main", "east" } });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await host.LogInAsync(chain, "clerk", IdentityHost.Password);
        var jwt = new JsonWebToken(token);
        jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["manager"]);
        jwt.Claims.Where(c => c.Type == "branch").Select(c => c.Value).ShouldBe(["main", "east"]);

        (await host.As(owner).PostAsync($"/api/identity/staff/{id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problem(await host.Anonymous().PostAsJsonAsync("/api/identity/login", new { chain, username = "clerk", password = IdentityHost.Password }),
            HttpStatusCode.Unauthorized);
        await Problem(await host.As(token).GetAsync("/api/identity/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refreshing_a_session_picks_up_new_roles_and_a_disabled_account_cannot_refresh()
    {
        var chain = NewChain("refresh");
        var owner = await host.SignUpAsync(chain);
        (await OpenBranch(owner, "main", "总店")).EnsureSuccessStatusCode();
        var id = (await (await AddStaff(owner, "clerk", ["clerk"], ["main"])).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var clerk = await host.SignInAsync(chain, "clerk", IdentityHost.Password);
        (await host.As(owner).PutAsJsonAsync($"/api/identity/staff/{id}", new { roles = new[] { "manager" }, branches = new[] { "main" } }))
            .EnsureSuccessStatusCode();

        var refreshed = await host.RefreshAsync(clerk.RefreshToken);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await refreshed.Content.ReadFromJsonAsync<IdentityHost.LoginBody>())!;
        body.User.Roles.ShouldBe(["manager"]);
        new JsonWebToken(body.AccessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["manager"]);
        body.RefreshToken.ShouldNotBe(clerk.RefreshToken, "every refresh rotates the refresh token");

        (await host.As(owner).PostAsync($"/api/identity/staff/{id}/disable", null)).EnsureSuccessStatusCode();
        var refused = await Problem(await host.RefreshAsync(body.RefreshToken), HttpStatusCode.Unauthorized);
        refused.GetProperty("type").GetString().ShouldEndWith("/invalid-refresh-token");
        await Problem(await host.As(body.AccessToken).GetAsync("/api/identity/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_supplier_contact_logs_in_as_a_guest_bound_to_their_supplier()
    {
        var chain = NewChain("supp");
        var owner = await host.SignUpAsync(chain);

        var created = await host.As(owner).PostAsJsonAsync("/api/identity/supplier-contacts",
            new { supplierId = "sup-1", username = "chenguang", displayName = "晨光 陈经理", password = IdentityHost.Password });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await host.LogInAsync(chain, "chenguang", IdentityHost.Password);

        var jwt = new JsonWebToken(token);
        jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["supplier"]);
        jwt.GetClaim("supplier").Value.ShouldBe("sup-1");
        jwt.Claims.ShouldNotContain(c => c.Type == "branch");
        await Problem(await host.As(token).GetAsync("/api/identity/staff"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_username_is_unique_within_a_chain()
    {
        var owner = await host.SignUpAsync(NewChain("uniq"));

        var problem = await Problem(await AddStaff(owner, "OWNER", ["hq"], []), HttpStatusCode.Conflict);

        problem.GetProperty("type").GetString().ShouldEndWith("/username-taken");
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused()
    {
        (await host.Anonymous().GetAsync("/api/identity/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.Anonymous().PostAsJsonAsync("/api/identity/staff", new { })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
