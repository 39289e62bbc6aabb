using System.Security.Claims;
using System.Text;

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
/// One row of the permission table: what some roles may do in one service, and the routes that do it.
/// <see cref="Denied"/> is how a route answers a role it refuses: 403, or 404 where the design hides that the thing exists
/// (a chat channel you are not in, another supplier's order).
/// </summary>
public sealed record Permission(string Service, string Name, string What, IReadOnlyList<string> Roles, Reach Reach,
    IReadOnlyList<string> Routes, int Denied = 403)
{
    public bool Allows(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>
/// THE permission table of the platform (rendered into the README's "Permissions" section; a test fails when the two
/// differ, and the security sweeps fail for any route in an OpenAPI document that is not listed here).
/// Services check these rules in their endpoints; <see cref="Allows(ClaimsPrincipal, string)"/> reads the table.
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
        new("identity", "session", "log in, sign up a chain, refresh a session with its refresh token (anonymous, rate-limited)", [O, M, C, H, S], Reach.Chain,
            ["POST /api/identity/login", "POST /api/identity/chains", "POST /api/identity/token/refresh"]),
        new("identity", "me", "read own account, change own password", [O, M, C, H, S], Reach.Self,
            ["GET /api/identity/me", "POST /api/identity/me/password"]),
        new("identity", "directory.read", "list branches and staff", [O, M, C, H], Reach.Chain,
            ["GET /api/identity/branches", "GET /api/identity/staff"]),
        new("identity", "directory.manage", "open branches; add, change and disable staff, reset their passwords; invite supplier contacts", [O, H], Reach.Chain,
            ["POST /api/identity/branches", "POST /api/identity/staff", "PUT /api/identity/staff/{id}",
                "POST /api/identity/staff/{id}/disable", "POST /api/identity/staff/{id}/password-reset", "POST /api/identity/supplier-contacts"]),

        // Inventory
        new("inventory", "catalogue.read", "search the product catalogue", [O, M, C, H], Reach.Chain,
            ["GET /api/inventory/products"]),
        new("inventory", "catalogue.manage", "register, change and discontinue products", [O, M, H], Reach.Chain,
            ["POST /api/inventory/products", "PUT /api/inventory/products/{sku}", "POST /api/inventory/products/{sku}/discontinue"]),
        new("inventory", "stock.read", "stock board, item history, alerts, transfers", [O, M, C, H], Reach.Branch,
            ["GET /api/inventory/branches/{branch}/stock", "GET /api/inventory/branches/{branch}/stock/{sku}",
                "GET /api/inventory/branches/{branch}/alerts", "GET /api/inventory/branches/{branch}/transfers",
                "GET /api/inventory/branches/{branch}/transfers/{id}"]),
        new("inventory", "stock.record", "record sales and receipts, receive transfers, count stock", [O, M, C, H], Reach.Branch,
            ["POST /api/inventory/branches/{branch}/sales", "POST /api/inventory/branches/{branch}/receipts",
                "POST /api/inventory/branches/{branch}/transfers/{id}/receive"]),
        new("inventory", "stock.adjust", "adjust stock with a reason", [O, M], Reach.Branch,
            ["POST /api/inventory/branches/{branch}/adjustments"]),
        new("inventory", "stock.policy", "set reorder policies", [O, M], Reach.Branch,
            ["PUT /api/inventory/branches/{branch}/products/{sku}/policy"]),
        new("inventory", "stock.transfer", "send stock to another branch", [O, M, H], Reach.Branch,
            ["POST /api/inventory/branches/{branch}/transfers"]),
        new("inventory", "stock.return", "return stock to a supplier", [O, M, H], Reach.Branch,
            ["POST /api/inventory/branches/{branch}/returns"]),
        new("inventory", "categories.read", "read a category's reorder defaults", [O, M, C, H], Reach.Chain,
            ["GET /api/inventory/categories/{category}/policy"]),
        new("inventory", "categories.policy", "set a category's reorder defaults (lead time, cover, look-back, safety factor)", [O, H], Reach.Chain,
            ["PUT /api/inventory/categories/{category}/policy"]),

        // Purchasing
        new("purchasing", "suppliers.read", "list suppliers (a supplier guest: only its own)", [O, M, C, H, S], Reach.Chain,
            ["GET /api/purchasing/suppliers"]),
        new("purchasing", "suppliers.manage", "register suppliers", [O, M, H], Reach.Chain,
            ["POST /api/purchasing/suppliers"]),
        new("purchasing", SeeCosts, "see purchase costs and supplier quotes; enter quotes (a supplier guest: its own)", [O, H, S], Reach.OwnSupplier,
            ["GET /api/purchasing/quotes", "POST /api/purchasing/suppliers/{supplierId}/quotes"]),
        new("purchasing", "purchase-list", "read and add to the branch's purchase list", [O, M, C, H], Reach.Branch,
            ["GET /api/purchasing/branches/{branch}/purchase-list", "POST /api/purchasing/branches/{branch}/purchase-list"]),
        new("purchasing", "purchase-list.edit", "change a list item's quantity (rounded up to the supplier's pack size and minimum order) or its supplier, remove an item (who may add to the list and place orders)", [O, M, H], Reach.Branch,
            ["PATCH /api/purchasing/branches/{branch}/purchase-list/items/{itemId}", "DELETE /api/purchasing/branches/{branch}/purchase-list/items/{itemId}"]),
        new("purchasing", "orders.place", "place and cancel purchase orders", [O, M, H], Reach.Branch,
            ["POST /api/purchasing/branches/{branch}/purchase-orders", "POST /api/purchasing/purchase-orders/{id}/cancel"]),
        new("purchasing", "orders.read", "read purchase orders and export their timelines (a supplier guest: its own orders only; the export's 金额 column for cost roles and the order's supplier)", [O, M, C, H, S], Reach.Branch,
            ["GET /api/purchasing/purchase-orders", "GET /api/purchasing/purchase-orders/{id}", "GET /api/purchasing/purchase-orders/{id}/timeline.csv"], Denied: 404),
        new("purchasing", "orders.confirm", "confirm a purchase order, with changed quantities or delivery day (the order's supplier, or the owner on its behalf)", [O, S], Reach.OwnSupplier,
            ["POST /api/purchasing/purchase-orders/{id}/confirm"]),
        new("purchasing", "orders.receive", "receive a delivery against a purchase order (damaged units: not booked)", [O, M, C], Reach.Branch,
            ["POST /api/purchasing/purchase-orders/{id}/receipts"]),
        new("purchasing", "orders.announce", "announce a delivery of a purchase order (the order's supplier only)", [S], Reach.OwnSupplier,
            ["POST /api/purchasing/purchase-orders/{id}/delivery-notices"]),

        // Chat
        new("chat", "channels", "list own channels", [O, M, C, H, S], Reach.Self,
            ["GET /api/chat/channels"]),
        new("chat", "channels.open", "open a direct conversation or an ad-hoc group with staff of the chain (a supplier guest talks in its supplier channel only)",
            [O, M, C, H], Reach.Chain, ["POST /api/chat/channels"]),
        new("chat", "channels.manage", "rename an ad-hoc group and add people to it, leave it; set a channel's purpose (branch and supplier channels: owner, manager, hq) — channel members only",
            [O, M, C, H], Reach.ChannelMember,
            ["PUT /api/chat/channels/{channelId}", "POST /api/chat/channels/{channelId}/members", "DELETE /api/chat/channels/{channelId}/members/{userId}"],
            Denied: 404),
        new("chat", "messages", "read (edit history included), post, mark read, set notification level, press card buttons — channel members only (a supplier guest is a member of its own supplier channel only; others get 404)",
            [O, M, C, H, S], Reach.ChannelMember,
            ["GET /api/chat/channels/{channelId}/messages", "GET /api/chat/channels/{channelId}/messages/{messageId}/history",
                "POST /api/chat/channels/{channelId}/messages",
                "POST /api/chat/channels/{channelId}/read", "PUT /api/chat/channels/{channelId}/notifications",
                "POST /api/chat/messages/{messageId}/actions/{actionId}"], Denied: 404),
        new("chat", "messages.own", "edit and withdraw one's own messages, see who has read them (others' answer 403, a channel you are not in 404)",
            [O, M, C, H, S], Reach.Self,
            ["PUT /api/chat/channels/{channelId}/messages/{messageId}", "DELETE /api/chat/channels/{channelId}/messages/{messageId}",
                "GET /api/chat/channels/{channelId}/messages/{messageId}/readers"], Denied: 404),
        new("chat", "search", "search the messages of one's own channels", [O, M, C, H, S], Reach.ChannelMember,
            ["GET /api/chat/search"]),
        new("chat", "attachments.upload", "upload an image or PDF to post with a message", [O, M, C, H, S], Reach.Self,
            ["POST /api/chat/attachments"]),
        new("chat", "attachments.read", "download an attachment or its thumbnail (its uploader and members of channels it was posted in; others get 404)",
            [O, M, C, H, S], Reach.ChannelMember, ["GET /api/chat/attachments/{id}", "GET /api/chat/attachments/{id}/thumbnail"], Denied: 404),

        // Reporting
        new("reporting", "reports.branch", "branch daily/weekly reports (JSON, CSV, PNG chart), slow movers", [O, M, H], Reach.Branch,
            ["GET /api/reporting/branches/{branch}/daily", "GET /api/reporting/branches/{branch}/daily.csv",
                "GET /api/reporting/branches/{branch}/daily.png", "GET /api/reporting/branches/{branch}/weekly",
                "GET /api/reporting/branches/{branch}/weekly.csv", "GET /api/reporting/branches/{branch}/weekly.png",
                "GET /api/reporting/branches/{branch}/slow-movers"]),
        new("reporting", "reports.chain", "chain summary", [O, H], Reach.Chain, ["GET /api/reporting/chain/summary"]),
    ];

    /// <summary>The row that lists <paramref name="method"/> <paramref name="pathTemplate"/> (as the OpenAPI document writes it), or null.</summary>
    public static Permission? ForRoute(string method, string pathTemplate)
    {
        var route = $"{method.ToUpperInvariant()} {pathTemplate.TrimEnd('/')}";
        return Table.FirstOrDefault(p => p.Routes.Contains(route, StringComparer.Ordinal));
    }

    public static Permission Named(string name) =>
        Table.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"No permission '{name}' in the table.", nameof(name));

    /// <summary>True when one of the caller's roles has the permission (the reach is checked by the endpoint).</summary>
    public static bool Allows(this ClaimsPrincipal user, string permission) => Named(permission).Roles.Any(user.IsInRole);

    /// <summary>Owner and hq see costs; a supplier guest only its own supplier's (the endpoint checks which supplier).</summary>
    public static bool SeesAllCosts(this ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Owner) || user.IsInRole(PlatformRoles.Hq);

    /// <summary>The table as Markdown, exactly as the README shows it.</summary>
    public static string ToMarkdown()
    {
        var roles = PlatformRoles.All;
        var md = new StringBuilder();
        md.Append("| service | permission | what | ").AppendJoin(" | ", roles).Append(" | reach | denied as | routes |\n");
        md.Append("|---|---|---|").Append(string.Concat(roles.Select(_ => ":-:|"))).Append("---|---|---|\n");
        foreach (var p in Table)
        {
            md.Append($"| {p.Service} | `{p.Name}` | {p.What} | ")
                .AppendJoin(" | ", roles.Select(r => p.Allows(r) ? "✓" : "—"))
                .Append($" | {ReachText(p.Reach)} | {p.Denied} | ")
                .Append(p.Routes.Count == 0 ? "(none yet)" : string.Join("<br>", p.Routes.Select(r => $"`{r}`")))
                .Append(" |\n");
        }
        return md.ToString();
    }

    private static string ReachText(Reach reach) => reach switch
    {
        Reach.Chain => "chain",
        Reach.Branch => "own branches (hq: all)",
        Reach.OwnSupplier => "supplier guest: own supplier",
        Reach.ChannelMember => "channel members",
        _ => "self",
    };
}
