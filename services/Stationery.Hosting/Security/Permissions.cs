using System.Security.Claims;
using System.Text;
using Stationery.Hosting.Errors;

namespace Stationery.Hosting.Security;

/// <summary>How far a permission reaches once the role allows it.</summary>
public enum Reach
{
    /// <summary>The whole chain (the tenant in the token).</summary>
    Chain,

    /// <summary>The branches in the caller's token; hq reaches every branch.</summary>
    Branch,

    /// <summary>A supplier guest reaches only what concerns its own supplier (the <c>supplier</c> claim).</summary>
    OwnSupplier,

    /// <summary>Members of the channel only (staff of its branch, hq, or the supplier of a supplier channel).</summary>
    ChannelMember,

    /// <summary>The caller's own account or own messages.</summary>
    Self,
}

/// <summary>
/// One row of the permission table: what some roles may do in one service. The routes that do it are not listed here:
/// each endpoint declares the permission it needs (<see cref="PermissionEndpoints.RequirePermission{TBuilder}"/>), and the
/// OpenAPI documents and the README's table are written from those declarations.
/// <see cref="Denied"/> is how a route answers a role it refuses: 403, or 404 where the design hides that the thing exists
/// (a chat channel you are not in, another supplier's order). <see cref="Anonymous"/> rows need no token at all.
/// </summary>
public sealed record Permission(string Service, string Name, string What, IReadOnlyList<string> Roles, Reach Reach,
    int Denied = 403, bool Anonymous = false)
{
    public bool Allows(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The 403 text for a caller whose roles lack this permission, Chinese first.</summary>
    public string RoleRefusal(ClaimsPrincipal user)
    {
        var roles = string.Join(" / ", Roles);
        var held = string.Join(", ", user.Roles().DefaultIfEmpty("none"));
        return $"需要权限 {Name}（只有 {roles} 可以：{What}；你的角色：{held}） "
            + $"(permission '{Name}' is needed: only {roles} may {What}; your roles: {held}).";
    }

    /// <summary>The 403 text for a branch outside the caller's token.</summary>
    public string BranchRefusal(string branch) =>
        $"需要权限 {Name}：你没有门店 {branch} 的权限 (permission '{Name}' reaches only the branches in your account, and '{branch}' is not one of them).";

    /// <summary>The 403 text for a supplier guest acting for another supplier.</summary>
    public string SupplierRefusal(string supplierId) =>
        $"需要权限 {Name}：供应商账号只能代表自己的供应商 (permission '{Name}' lets a supplier guest act for its own supplier only, not '{supplierId}').";
}

/// <summary>
/// THE permission table of the platform. Endpoints and chat card buttons name a row; the filter of
/// <see cref="PermissionEndpoints"/> checks the role and the branch of the route, <see cref="Demand"/> the reach that needs
/// data. The README's "Permissions" section is rendered from the table and the routes the OpenAPI documents give each row.
/// </summary>
public static class Permissions
{
    private const string O = PlatformRoles.Owner, M = PlatformRoles.Manager, C = PlatformRoles.Clerk, H = PlatformRoles.Hq,
        S = PlatformRoles.Supplier;

    /// <summary>Every staff role (not supplier guests).</summary>
    public static readonly IReadOnlyList<string> Staff = [O, M, C, H];

    /// <summary>
    /// 成本权限: purchase costs, supplier quotes and stock value at cost. Fields with "cost" in their name are absent (not
    /// null) from every response to a role without it. A supplier guest sees only its own supplier's prices.
    /// </summary>
    public const string SeeCosts = "costs.see";

    public static readonly IReadOnlyList<Permission> Table =
    [
        // Identity
        new("identity", "session", "log in, sign up a chain, refresh a session with its refresh token (anonymous, rate-limited)", [O, M, C, H, S], Reach.Chain, Anonymous: true),
        new("identity", "me", "read own account, change own password", [O, M, C, H, S], Reach.Self),
        new("identity", "directory.read", "list branches and staff", [O, M, C, H], Reach.Chain),
        new("identity", "directory.manage", "open branches and change their name, time zone and closing time; add, change and disable staff, reset their passwords; invite supplier contacts", [O, H], Reach.Chain),

        // Inventory
        new("inventory", "catalogue.read", "search the product catalogue", [O, M, C, H], Reach.Chain),
        new("inventory", "catalogue.manage", "register, change and discontinue products", [O, M, H], Reach.Chain),
        new("inventory", "stock.read", "stock board, item history, alerts, transfers", [O, M, C, H], Reach.Branch),
        new("inventory", "stock.record", "record sales and receipts, receive transfers, count stock (记为盘点数量 in chat)", [O, M, C, H], Reach.Branch),
        new("inventory", "stock.adjust", "adjust stock with a reason", [O, M], Reach.Branch),
        new("inventory", "stock.policy", "set reorder policies", [O, M], Reach.Branch),
        new("inventory", "stock.transfer", "send stock to another branch", [O, M, H], Reach.Branch),
        new("inventory", "stock.return", "return stock to a supplier", [O, M, H], Reach.Branch),
        new("inventory", "stocktake.manage", "open, complete and cancel stocktakes (盘点): zones, counters, blind or not; explain variances", [O, M, H], Reach.Branch),
        new("inventory", "stocktake.count", "count in a stocktake's zones one is assigned to (app or 盘点 channel), finish one's zone, explain a variance in chat", [O, M, C, H], Reach.Branch),
        new("inventory", "categories.read", "read a category's reorder defaults", [O, M, C, H], Reach.Chain),
        new("inventory", "categories.policy", "set a category's reorder defaults (lead time, cover, look-back, safety factor)", [O, H], Reach.Chain),

        // Purchasing
        new("purchasing", "suppliers.read", "list suppliers (a supplier guest: only its own)", [O, M, C, H, S], Reach.Chain),
        new("purchasing", "suppliers.manage", "register suppliers", [O, M, H], Reach.Chain),
        new("purchasing", SeeCosts, "see purchase costs and supplier quotes; enter quotes (a supplier guest: its own)", [O, H, S], Reach.OwnSupplier),
        new("purchasing", "purchase-list", "read and add to the branch's purchase list", [O, M, C, H], Reach.Branch),
        new("purchasing", "purchase-list.edit", "change a list item's quantity (rounded up to the supplier's pack size and minimum order) or its supplier, remove an item (who may add to the list and place orders)", [O, M, H], Reach.Branch),
        new("purchasing", "orders.place", "place and cancel purchase orders", [O, M, H], Reach.Branch),
        new("purchasing", "orders.read", "read purchase orders and export their timelines (a supplier guest: its own orders only; the export's 金额 column for cost roles and the order's supplier)", [O, M, C, H, S], Reach.Branch, Denied: 404),
        new("purchasing", "orders.confirm", "confirm a purchase order, with changed quantities or delivery day (the order's supplier, or the owner on its behalf)", [O, S], Reach.OwnSupplier),
        new("purchasing", "orders.receive", "receive a delivery against a purchase order (damaged units: not booked)", [O, M, C], Reach.Branch),
        new("purchasing", "orders.announce", "announce a delivery of a purchase order (the order's supplier only)", [S], Reach.OwnSupplier),
        new("purchasing", "orders.answer", "answer a delivery discrepancy card: 补发 or 开红字发票 (the order's supplier only)", [S], Reach.OwnSupplier),
        new("purchasing", "quotes.confirm", "confirm a supplier's quote posted in chat, so Purchasing records it (quotes are cost data)", [O, H], Reach.Chain),
        new("purchasing", "orders.chat", "read the order's supplier-channel talk on its timeline (who sits in supplier channels: not clerks)", [O, M, H, S], Reach.OwnSupplier),

        // Chat
        new("chat", "channels", "list own channels", [O, M, C, H, S], Reach.Self),
        new("chat", "channels.open", "open a direct conversation or an ad-hoc group with staff of the chain (a supplier guest talks in its supplier channel only)",
            [O, M, C, H], Reach.Chain),
        new("chat", "channels.manage", "rename an ad-hoc group, add people to it and remove them, leave it; set a channel's purpose (branch and supplier channels: owner, manager, hq) — channel members only",
            [O, M, C, H], Reach.ChannelMember,
            Denied: 404),
        new("chat", "channels.purpose", "set the purpose of a branch or supplier channel one is a member of (ad-hoc groups: any member, by channels.manage)",
            [O, M, H], Reach.ChannelMember),
        new("chat", "messages", "read (edit history included), post, mark read, set notification level, press card buttons — channel members only (a supplier guest is a member of its own supplier channel only; others get 404)",
            [O, M, C, H, S], Reach.ChannelMember, Denied: 404),
        new("chat", "messages.own", "edit and withdraw one's own messages, see who has read them (others' answer 403, a channel you are not in 404)",
            [O, M, C, H, S], Reach.Self, Denied: 404),
        new("chat", "search", "search the messages of one's own channels", [O, M, C, H, S], Reach.ChannelMember),
        new("chat", "attachments.upload", "upload an image or PDF to post with a message", [O, M, C, H, S], Reach.Self),
        new("chat", "attachments.read", "download an attachment or its thumbnail (its uploader and members of channels it was posted in; others get 404)",
            [O, M, C, H, S], Reach.ChannelMember, Denied: 404),

        // Reporting
        new("reporting", "reports.branch", "branch daily/weekly reports (JSON, CSV, .xlsx, PNG chart), slow movers", [O, M, H], Reach.Branch),
        new("reporting", "reports.chain", "chain summary", [O, H], Reach.Chain),
    ];

    public static Permission Named(string name) =>
        Table.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"No permission '{name}' in the table.", nameof(name));

    /// <summary>True when one of the caller's roles has the permission (the reach is checked by the endpoint).</summary>
    public static bool Allows(this ClaimsPrincipal user, string permission) => Named(permission).Roles.Any(user.IsInRole);

    /// <summary>Owner and hq see costs; a supplier guest only its own supplier's (the endpoint checks which supplier).</summary>
    public static bool SeesAllCosts(this ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Owner) || user.IsInRole(PlatformRoles.Hq);

    /// <summary>The names of the permissions the caller's roles hold (reach aside): what <c>GET /api/identity/me</c> answers.</summary>
    public static IReadOnlyList<string> Held(IReadOnlyCollection<string> roles) =>
        [.. Table.Where(p => !p.Anonymous && p.Roles.Any(roles.Contains)).Select(p => p.Name)];

    /// <summary>
    /// The one check for reach that needs data (an order's branch, a supplier's own things): throws 403 naming
    /// <paramref name="permission"/> unless the caller's roles hold it, <paramref name="branch"/> (when given) is in the
    /// caller's token (hq: every branch) and a supplier guest acts for <paramref name="supplierId"/> (when given).
    /// A supplier guest is held to its supplier, not to branches.
    /// </summary>
    public static void Demand(this ClaimsPrincipal user, string permission, string? branch = null, string? supplierId = null)
    {
        var p = Named(permission);
        if (!p.Roles.Any(user.IsInRole)) throw new ForbiddenException(p.RoleRefusal(user));
        if (user.IsSupplierGuest())
        {
            if (supplierId is not null && !user.SpeaksFor(supplierId)) throw new ForbiddenException(p.SupplierRefusal(supplierId));
            if (supplierId is null && branch is not null && !p.Allows(PlatformRoles.Supplier)) throw new ForbiddenException(p.BranchRefusal(branch));
            return;
        }
        if (branch is not null && !user.CanAccessBranch(branch)) throw new ForbiddenException(p.BranchRefusal(branch), ForbiddenException.BranchReach);
    }

    /// <summary>True when <see cref="Demand"/> would let the caller through.</summary>
    public static bool Permits(this ClaimsPrincipal user, string permission, string? branch = null, string? supplierId = null)
    {
        var p = Named(permission);
        if (!p.Roles.Any(user.IsInRole)) return false;
        if (user.IsSupplierGuest()) return supplierId is null ? branch is null || p.Allows(PlatformRoles.Supplier) : user.SpeaksFor(supplierId);
        return branch is null || user.CanAccessBranch(branch);
    }

    /// <summary>A supplier guest holds the supplier role and no staff role.</summary>
    public static bool IsSupplierGuest(this ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Supplier) && !Staff.Any(user.IsInRole);

    /// <summary>The supplier a guest speaks for (claim <c>supplier</c>); null for staff.</summary>
    public static string? SupplierId(this ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.Supplier) ? user.FindFirst(PlatformClaims.Supplier)?.Value : null;

    public static bool SpeaksFor(this ClaimsPrincipal user, string supplierId) =>
        user.SupplierId() is { } own && string.Equals(own, supplierId, StringComparison.Ordinal);

    /// <summary>
    /// The table as Markdown, exactly as the README shows it, with the routes each permission's endpoints declare
    /// (<paramref name="routes"/>: permission name → "METHOD /path" as the OpenAPI documents write them).
    /// </summary>
    public static string ToMarkdown(IReadOnlyDictionary<string, IReadOnlyList<string>> routes)
    {
        var roles = PlatformRoles.All;
        var md = new StringBuilder();
        md.Append("| service | permission | what | ").AppendJoin(" | ", roles).Append(" | reach | denied as | routes |\n");
        md.Append("|---|---|---|").Append(string.Concat(roles.Select(_ => ":-:|"))).Append("---|---|---|\n");
        foreach (var p in Table)
        {
            var declared = routes.TryGetValue(p.Name, out var r) ? r : [];
            md.Append($"| {p.Service} | `{p.Name}` | {p.What} | ")
                .AppendJoin(" | ", roles.Select(role => p.Allows(role) ? "✓" : "—"))
                .Append($" | {ReachText(p)} | {p.Denied} | ")
                .Append(declared.Count == 0 ? "—" : string.Join("<br>", declared.Select(x => $"`{x}`")))
                .Append(" |\n");
        }
        return md.ToString();
    }

    private static string ReachText(Permission p) => p.Anonymous ? "anonymous" : p.Reach switch
    {
        Reach.Chain => "chain",
        Reach.Branch => "own branches (hq: all)",
        Reach.OwnSupplier => "supplier guest: own supplier",
        Reach.ChannelMember => "channel members",
        _ => "self",
    };
}
