using System.Security.Claims;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Import;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff.Adding;
using Stationery.Identity.Staff.Changing;
using Stationery.Identity.Staff.Granting;
using Stationery.Identity.Staff.ResettingPassword;

namespace Stationery.Identity.Staff.Importing;

/// <summary>
/// 员工导入/导出: staff accounts from a spreadsheet of username, name, roles and branches. Roles are written in Chinese
/// (店主、店长、店员、总部) or as their keys (owner, manager, clerk, hq); branches by code or by name, several in one cell
/// separated by 、 , ; or /. Every row is judged by the same rules as adding or changing one account: the username rule,
/// a role and branch for each account, and grants within the importer's own reach (<see cref="GrantRules"/>: a row granting
/// beyond it is an error row naming the rule). A new username is a new account with a temporary password, answered once
/// by the apply (never stored with the answer, never exported). An existing account whose roles and branches differ is
/// changed to the row's, within reach (as <c>PUT /staff/{id}</c> would); the same roles and branches are unchanged, so
/// importing the same file again changes nothing. The name of an existing account is not changed by import.
/// </summary>
public static class ImportStaff
{
    public const string Kind = "staff";
    public const int MaxRows = 5_000;
    public const int BatchSize = 500;

    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("username", "用户名", Required: true, Kind: CellKind.Code),
        new("name", "姓名"),
        new("roles", "角色", Required: true),
        new("branches", "门店"),
    ];

    /// <summary>Role words a sheet may use, Chinese as the app shows them (and the chat's @ words), or the keys.</summary>
    private static readonly IReadOnlyDictionary<string, string> RoleWords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["店主"] = PlatformRoles.Owner,
        ["老板"] = PlatformRoles.Owner,
        ["店长"] = PlatformRoles.Manager,
        ["经理"] = PlatformRoles.Manager,
        ["店员"] = PlatformRoles.Clerk,
        ["总部"] = PlatformRoles.Hq,
        [PlatformRoles.Owner] = PlatformRoles.Owner,
        [PlatformRoles.Manager] = PlatformRoles.Manager,
        [PlatformRoles.Clerk] = PlatformRoles.Clerk,
        [PlatformRoles.Hq] = PlatformRoles.Hq,
    };

    private static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>
    {
        [PlatformRoles.Owner] = "店主",
        [PlatformRoles.Manager] = "店长",
        [PlatformRoles.Clerk] = "店员",
        [PlatformRoles.Hq] = "总部",
    };

    private static readonly char[] ListSeparators = [',', '，', '、', ';', '；', '/', '|', '\n'];

    /// <summary>A new account's username and the temporary password it was given: in the apply's answer only, once.</summary>
    public sealed record TemporaryPassword(int Row, string UserId, string Username, string DisplayName, string Password);

    /// <summary>The import's answer: the report, and on apply the new accounts' temporary passwords (never kept or exported).</summary>
    public sealed record Summary(string Kind, bool DryRun, int Total, int New, int Changed, int Unchanged, int Errors, int Applied,
        IReadOnlyList<int> AppliedRows, IReadOnlyList<int> RefusedRows, IReadOnlyList<ImportRow> Rows,
        IReadOnlyList<TemporaryPassword> TemporaryPasswords)
    {
        public static Summary Of(ImportReport r, IReadOnlyList<TemporaryPassword> passwords) => new(r.Kind, r.DryRun, r.Total, r.New,
            r.Changed, r.Unchanged, r.Errors, r.Applied, r.AppliedRows, r.RefusedRows, r.Rows, passwords);
    }

    /// <summary>A good row's effect: a new account, or a change of an existing one's roles and branches.</summary>
    private sealed record Planned(ImportRow Row, Enroll? Enroll, ChangeStaffRoles.Command? Change);

    public static RouteGroupBuilder MapImportStaff(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/staff/preview", (HttpRequest request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
                RunAsync(request, user, session, dryRun: true, ct))
            .RequirePermission("directory.manage").WithName("PreviewStaffImport").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("员工导入预览 (dry run): upload a .xlsx or .csv (multipart field 'file') of username, name, roles, branches; every row's verdict with its problems (grants beyond your reach included); nothing is written.");
        api.MapPost("/imports/staff", (HttpRequest request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
                RunAsync(request, user, session, dryRun: false, ct))
            .RequirePermission("directory.manage").WithSecretAnswer().WithName("ImportStaff").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("员工导入: new usernames become accounts with a temporary password (in this answer only, once), changed roles and branches are changed within your reach, rows with problems are refused and listed; the same file again changes nothing.");
        api.MapGet("/imports/staff/template", (string? format) => SheetFormat.Download(format, Columns, "员工导入模板 staff-template", []))
            .RequirePermission("directory.manage").WithName("StaffImportTemplate")
            .WithSummary("The staff import template (?format=xlsx or csv): the header row, Chinese then the English key.");
        api.MapGet("/exports/staff", async (string? format, IQuerySession session, CancellationToken ct) =>
            {
                var accounts = await session.Query<UserAccount>().Where(a => !a.Disabled).OrderBy(a => a.Username).ToListAsync(ct);
                return SheetFormat.Download(format, Columns, "员工 staff", accounts.Where(a => !a.Roles.Contains(PlatformRoles.Supplier))
                    .Select(a => (IReadOnlyList<object?>)[a.Username, a.DisplayName, string.Join("、", a.Roles.Select(r => RoleNames.GetValueOrDefault(r, r))),
                        string.Join("、", a.Branches)]));
            })
            .RequirePermission("directory.manage").WithName("ExportStaff")
            .WithSummary("The chain's active staff (not supplier contacts) as .xlsx or .csv (?format=) in the import's shape; never a password.");
        return api;
    }

    private static async Task<IResult> RunAsync(HttpRequest request, ClaimsPrincipal user, IDocumentSession session, bool dryRun,
        CancellationToken ct)
    {
        var upload = await SheetUpload.ReadAsync(request, ct);
        var sheet = SheetReader.Read(upload.Content, upload.FileName, Columns, MaxRows);
        var chain = await session.LoadAsync<Chain>(Chain.StreamId, ct) ?? throw new NotFoundException("Chain", "");
        var by = await session.CallerAsync(user, chain, ct);
        var plan = await PlanAsync(sheet, chain, by, session, ct);
        if (dryRun) return TypedResults.Ok(Summary.Of(ImportReport.Of(Kind, true, plan.Select(p => p.Row).ToList()), []));

        var applied = new HashSet<int>();
        var passwords = new List<TemporaryPassword>();
        foreach (var batch in plan.Where(p => p.Enroll is not null || p.Change is not null).Chunk(BatchSize))
        {
            var issued = new List<TemporaryPassword>();
            var enrollments = new List<Enroll>();
            foreach (var p in batch.Where(p => p.Enroll is not null))
            {
                var password = ResetPassword.TemporaryPassword();
                enrollments.Add(p.Enroll! with { PasswordHash = Credentials.Hash(password) });
                issued.Add(new TemporaryPassword(p.Row.Row, p.Enroll!.UserId, p.Enroll.Username, p.Enroll.DisplayName, password));
            }
            await session.EnrollAllAsync(enrollments, ct);
            foreach (var change in batch.Select(p => p.Change).OfType<ChangeStaffRoles.Command>())
                await session.Decide<UserAccount>(change.UserId, account => ChangeStaffRoles.Decide(account, chain, by, change), ct);
            await session.SaveChangesAsync(ct);
            applied.UnionWith(batch.Select(p => p.Row.Row));
            passwords.AddRange(issued);
        }
        var report = ImportReport.Of(Kind, false, plan.Select(p => p.Row with { Applied = applied.Contains(p.Row.Row) }).ToList());
        return TypedResults.Ok(Summary.Of(report, passwords));
    }

    /// <summary>Judges every row against the file, the chain and the importer's reach; writes nothing.</summary>
    private static async Task<List<Planned>> PlanAsync(ImportSheet sheet, Chain chain, AccountReach by, IQuerySession session,
        CancellationToken ct)
    {
        var usernames = sheet.Rows.Select(r => Credentials.NormalizeUsername(r["username"] ?? "")).Where(u => u.Length > 0).ToList();
        var ids = usernames.Distinct().Select(u => chain.Usernames.GetValueOrDefault(u)).OfType<string>().ToArray();
        var existing = new Dictionary<string, UserAccount>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(1000))
            foreach (var account in await session.LoadManyAsync<UserAccount>(ct, chunk)) existing[account.Username] = account;
        var rowsByUsername = sheet.Rows.Where(r => r.Has("username"))
            .GroupBy(r => Credentials.NormalizeUsername(r["username"]!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Number).ToList(), StringComparer.Ordinal);

        return sheet.Rows.Select(row =>
        {
            var problems = new RowProblems(Columns);
            var username = Credentials.NormalizeUsername(row["username"] ?? "");
            var v = new Validation().Username(username, "username");
            if (username.Length > 0 && rowsByUsername[username].Count > 1)
                problems.Duplicate("username", username, rowsByUsername[username]);
            var current = existing.GetValueOrDefault(username);
            var name = (row["name"] ?? "").Trim();
            if (current is null) v.NotEmpty(name, "name", 100);

            var roles = Roles(row["roles"], v);
            var branches = Branches(row["branches"], chain, v);
            var key = username.Length > 0 ? username : row["username"] ?? "";
            // An account that already reads as the row is left alone before any rule is asked: re-importing an export
            // that lists the importer, or accounts beyond the importer's reach, changes nothing and is not an error.
            if (current is not null && roles is not null && branches is not null && rowsByUsername[username].Count == 1
                && current.Roles.Order().SequenceEqual(roles.Order()) && current.Branches.Order().SequenceEqual(branches.Order()))
                return new Planned(new ImportRow(row.Number, username, RowVerdict.Unchanged, [], false), null, null);
            if (roles is not null && branches is not null) v.RolesAndBranches(roles, branches);
            try { v.ThrowIfInvalid(); }
            catch (ValidationException e) { problems.AddAll(e.Errors); }
            if (!problems.Any)
            {
                if (current is not null && (current.Disabled || current.Roles.Contains(PlatformRoles.Supplier)))
                    problems.Add("username", current.Disabled
                        ? $"账号 {username} 已停用，不能通过导入修改 / the account '{username}' is disabled: it is not changed by import"
                        : $"账号 {username} 是供应商联系人，不能通过员工导入修改 / '{username}' is a supplier contact, not staff");
                else Grant(problems, by, current, chain, roles!, branches!);
            }

            if (problems.Any) return new Planned(new ImportRow(row.Number, key, RowVerdict.Error, problems.List, false), null, null);
            if (current is null)
                return new Planned(new ImportRow(row.Number, username, RowVerdict.New, [], false),
                    new Enroll(Enrollment.NewUserId(), username, name, "", roles!, branches!, null), null);
            List<string> notes = [$"{Describe(current.Roles, current.Branches)} → {Describe(roles!, branches!)}"];
            return new Planned(new ImportRow(row.Number, username, RowVerdict.Changed, [], false, notes), null,
                new ChangeStaffRoles.Command(current.Id, roles!, branches!));
        }).ToList();
    }

    /// <summary>
    /// The grant rules themselves (<see cref="GrantRules"/>, as adding or changing one account asks them), each refusal as the
    /// row's problem on the column it is about: the account itself (nobody changes their own roles or an account reaching
    /// further), then the roles alone, then the branches.
    /// </summary>
    private static void Grant(RowProblems problems, AccountReach by, UserAccount? current, Chain chain, IReadOnlyList<string> roles,
        IReadOnlyList<string> branches)
    {
        var checks = new List<(string Column, Action Check)>();
        if (current is not null) checks.Add(("username", () => GrantRules.Change(by, AccountReach.Of(current, chain))));
        checks.Add(("roles", () => GrantRules.Grant(by, roles, [])));
        checks.Add(("branches", () => GrantRules.Grant(by, roles, branches)));
        foreach (var (column, check) in checks)
        {
            try { check(); }
            catch (ForbiddenException e)
            {
                problems.Add(column, e.Message);
                return;
            }
        }
    }

    /// <summary>The roles a cell names (null, with the problem, when a word is not a staff role).</summary>
    private static IReadOnlyList<string>? Roles(string? cell, Validation v)
    {
        var words = (cell ?? "").Split([.. ListSeparators, ' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            v.Add("roles", "at least one role is required");
            return null;
        }
        var unknown = words.Where(w => !RoleWords.ContainsKey(w)).ToList();
        if (unknown.Count > 0)
        {
            v.Add("roles", $"未知角色「{string.Join("、", unknown)}」(可填 店主、店长、店员、总部) / unknown role '{string.Join(", ", unknown)}' (one of owner, manager, clerk, hq)");
            return null;
        }
        return AddStaffMember.Distinct(words.Select(w => RoleWords[w]));
    }

    /// <summary>The branch codes a cell names by code or name (null, with the problem, when one is not the chain's).</summary>
    private static IReadOnlyList<string>? Branches(string? cell, Chain chain, Validation v)
    {
        var words = (cell ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = new List<string>();
        var unknown = new List<string>();
        foreach (var word in words)
        {
            var branch = chain.Branches.FirstOrDefault(b => string.Equals(b.Code, word, StringComparison.OrdinalIgnoreCase))
                ?? chain.Branches.FirstOrDefault(b => b.Name == word);
            if (branch is null) unknown.Add(word);
            else codes.Add(branch.Code);
        }
        if (unknown.Count == 0) return AddStaffMember.Distinct(codes);
        v.Add("branches", $"门店「{string.Join("、", unknown)}」不存在(填门店编码或名称) / unknown branch '{string.Join(", ", unknown)}': write a branch's code or name");
        return null;
    }

    private static string Describe(IReadOnlyList<string> roles, IReadOnlyList<string> branches) =>
        $"{string.Join("、", roles.Select(r => RoleNames.GetValueOrDefault(r, r)))}@{string.Join("、", branches.DefaultIfEmpty("*"))}";
}
