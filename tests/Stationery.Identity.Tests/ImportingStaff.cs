using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Testing;
using static Stationery.Testing.Sheets;

namespace Stationery.Identity.Tests;

/// <summary>
/// 员工导入: staff from hand-made spreadsheets, judged by the same rules as adding one account — grants within the importer's
/// reach, a username once, known roles and branches — with temporary passwords answered once by the apply, and the same file
/// again changing nothing.
/// </summary>
public class ImportingStaff(IdentityHost host) : IClassFixture<IdentityHost>
{
    private static readonly object?[] Header = ["用户名", "姓名", "角色", "门店"];

    /// <summary>A chain with branches main (总店) and east (东区店), its founding owner and an owner of east only.</summary>
    private async Task<(string Chain, string Founder, string EastOwner)> ChainAsync()
    {
        var chain = $"imp-{Guid.NewGuid():N}"[..20];
        var founder = await host.SignUpAsync(chain);
        foreach (var (code, name) in new[] { ("main", "总店"), ("east", "东区店") })
            (await host.As(founder).PostAsJsonAsync("/api/identity/branches", new { code, name, timeZone = "Asia/Shanghai" })).EnsureSuccessStatusCode();
        (await host.As(founder).PostAsJsonAsync("/api/identity/staff",
            new { username = "east-owner", displayName = "东区店主", password = IdentityHost.Password, roles = new[] { "owner" }, branches = new[] { "east" } }))
            .EnsureSuccessStatusCode();
        return (chain, founder, await host.LogInAsync(chain, "east-owner", IdentityHost.Password));
    }

    private Task<HttpResponseMessage> Import(string token, byte[] file, bool dryRun = false) =>
        host.As(token).PostAsync(dryRun ? "/api/identity/imports/staff/preview" : "/api/identity/imports/staff", Upload(file, "员工.xlsx"));

    private async Task<List<JsonElement>> StaffAsync(string token) =>
        (await host.As(token).GetFromJsonAsync<JsonElement>("/api/identity/staff")).EnumerateArray().ToList();

    [Fact]
    public async Task The_dry_run_refuses_duplicates_unknown_branches_and_roles_and_grants_beyond_reach_and_writes_nothing()
    {
        var c = await ChainAsync();
        var file = Xlsx(Header,
            ["east-a", "小王", "店员", "东区店"],
            ["Dup", "小李", "店员", "east"],
            ["dup", "小李", "clerk", "east"],
            ["west-a", "小赵", "店员", "西区店"],
            ["boss", "老周", "老总", "east"],
            ["main-a", "小钱", "店员", "main"],
            ["hq-a", "小孙", "总部", ""],
            ["mgr-a", "", "店长", "east"]);

        var report = await (await Import(c.EastOwner, file, dryRun: true)).ReportAsync();

        report.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        Verdicts(report).ShouldBe(["new", "error", "error", "error", "error", "error", "error", "error"]);
        Problem(report, 3, "username").ShouldBe("用户名 dup 在文件中重复出现(第 3、4 行) / username 'dup' appears more than once in the file (rows 3, 4)");
        Problem(report, 4, "username").ShouldStartWith("用户名 dup 在文件中重复出现");
        Problem(report, 5, "branches").ShouldBe("门店「西区店」不存在(填门店编码或名称) / unknown branch '西区店': write a branch's code or name");
        Problem(report, 6, "roles").ShouldStartWith("未知角色「老总」");
        Problem(report, 7, "branches").ShouldStartWith("你不能授予自己没有的门店：main");
        Problem(report, 8, "roles").ShouldStartWith("只有总部 (hq) 或创建连锁的店主可以授予 hq");
        Problem(report, 9, "name").ShouldBe("必填 / is required");
        Row(report, 9).GetProperty("problems")[0].GetProperty("header").GetString().ShouldBe("姓名");
        report.GetProperty("temporaryPasswords").GetArrayLength().ShouldBe(0);
        (await StaffAsync(c.Founder)).Select(s => s.GetProperty("username").GetString()).ShouldNotContain("east-a");
    }

    [Fact]
    public async Task Applying_creates_accounts_whose_temporary_password_works_once_given_and_the_same_file_again_changes_nothing()
    {
        var c = await ChainAsync();
        var file = Xlsx(["员工名单", null, null, null],
            ["用户名(username)", "姓名(name)", "角色(roles)", "门店(branches)"],
            ["ｃｌｅｒｋ-1", "小王", "店员", "总店"],
            ["clerk-2", "小李", "clerk", "main、east"],
            ["manager-1", "小张", "店长", "east"],
            ["hq-1", "总部小陈", "总部", ""],
            ["bad-1", "小赵", "店员", "西区店"]);

        var first = await (await Import(c.Founder, file)).ReportAsync();

        Verdicts(first).ShouldBe(["new", "new", "new", "new", "error"], first.ToString());
        first.GetProperty("appliedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([3, 4, 5, 6]);
        first.GetProperty("refusedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([7]);
        var passwords = first.GetProperty("temporaryPasswords").EnumerateArray().ToList();
        passwords.Select(p => p.GetProperty("username").GetString()).ShouldBe(["clerk-1", "clerk-2", "manager-1", "hq-1"]);
        passwords.Select(p => p.GetProperty("password").GetString()).Distinct().Count().ShouldBe(4);
        var clerk = await host.SignInAsync(c.Chain, "clerk-1", passwords[0].GetProperty("password").GetString()!);
        clerk.User.Roles.ShouldBe(["clerk"]);
        clerk.User.Branches.ShouldBe(["main"]);
        var staff = await StaffAsync(c.Founder);
        staff.Single(s => s.GetProperty("username").GetString() == "clerk-2").GetProperty("branches").EnumerateArray()
            .Select(b => b.GetString()).ShouldBe(["main", "east"]);
        staff.Single(s => s.GetProperty("username").GetString() == "hq-1").GetProperty("roles")[0].GetString().ShouldBe("hq");

        var again = await (await Import(c.Founder, file)).ReportAsync();

        Verdicts(again).ShouldBe(["unchanged", "unchanged", "unchanged", "unchanged", "error"]);
        again.GetProperty("applied").GetInt32().ShouldBe(0);
        again.GetProperty("temporaryPasswords").GetArrayLength().ShouldBe(0);
        (await StaffAsync(c.Founder)).Count.ShouldBe(staff.Count);
        (await host.SignInAsync(c.Chain, "clerk-1", passwords[0].GetProperty("password").GetString()!)).User.Id.ShouldBe(clerk.User.Id);
    }

    [Fact]
    public async Task A_changed_row_changes_roles_and_branches_within_reach_and_an_account_beyond_reach_is_refused()
    {
        var c = await ChainAsync();
        (await (await Import(c.Founder, Xlsx(Header, ["clerk-e", "小王", "店员", "east"], ["clerk-m", "小李", "店员", "main"]))).ReportAsync())
            .GetProperty("applied").GetInt32().ShouldBe(2);

        var report = await (await Import(c.EastOwner, Xlsx(Header,
            ["clerk-e", "小王", "店长", "east"],
            ["clerk-m", "小李", "店员", "east"]))).ReportAsync();

        Verdicts(report).ShouldBe(["changed", "error"]);
        Row(report, 2).GetProperty("notes")[0].GetString().ShouldBe("店员@east → 店长@east");
        Problem(report, 3, "username").ShouldStartWith("该账号的权限范围超出你的范围");
        var staff = await StaffAsync(c.Founder);
        staff.Single(s => s.GetProperty("username").GetString() == "clerk-e").GetProperty("roles")[0].GetString().ShouldBe("manager");
        staff.Single(s => s.GetProperty("username").GetString() == "clerk-m").GetProperty("branches")[0].GetString().ShouldBe("main");
    }

    [Fact]
    public async Task The_export_has_the_import_shape_and_no_password_and_imports_back_unchanged()
    {
        var c = await ChainAsync();
        await (await Import(c.Founder, Xlsx(Header, ["clerk-x", "小王", "店员", "east、main"]))).ReportAsync();

        var export = await host.As(c.Founder).GetAsync("/api/identity/exports/staff?format=xlsx");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = ReadXlsx(bytes);
        rows[0].ShouldBe(["用户名(username)", "姓名(name)", "角色(roles)", "门店(branches)"]);
        rows.ShouldContain(r => r.SequenceEqual(new[] { "clerk-x", "小王", "店员", "east、main" }));
        rows.ShouldContain(r => r[0] == "east-owner" && r[2] == "店主");

        var back = await (await host.As(c.Founder).PostAsync("/api/identity/imports/staff/preview", Upload(bytes, "export.xlsx"))).ReportAsync();
        Verdicts(back).ShouldAllBe(v => v == "unchanged");
        var csv = await (await host.As(c.Founder).GetAsync("/api/identity/imports/staff/template?format=csv")).Content.ReadAsStringAsync();
        csv.Trim('\uFEFF').Trim().ShouldBe("用户名(username),姓名(name),角色(roles),门店(branches)");
    }

    [Fact]
    public async Task A_manager_or_clerk_may_not_import_or_export_staff()
    {
        var c = await ChainAsync();
        await (await Import(c.Founder, Xlsx(Header, ["mgr", "小张", "店长", "east"], ["clk", "小王", "店员", "east"]))).ReportAsync();
        foreach (var username in new[] { "mgr", "clk" })
        {
            var reset = await (await host.As(c.Founder).PostAsync(
                $"/api/identity/staff/{(await StaffAsync(c.Founder)).Single(s => s.GetProperty("username").GetString() == username).GetProperty("id").GetString()}/password-reset", null))
                .Content.ReadFromJsonAsync<JsonElement>();
            var token = await host.LogInAsync(c.Chain, username, reset.GetProperty("temporaryPassword").GetString()!);
            (await Import(token, Xlsx(Header, ["x", "小钱", "店员", "east"]), dryRun: true)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await host.As(token).GetAsync("/api/identity/exports/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }
}
