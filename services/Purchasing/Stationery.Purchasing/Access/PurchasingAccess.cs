using System.Security.Claims;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Purchasing.Access;

/// <summary>Who may do what in purchasing. Roles are branch-scoped through the token's branch claims; hq sees every branch.</summary>
public static class PurchasingAccess
{
    public static readonly string[] Staff = [.. Permissions.Staff];

    /// <summary>Roles that decide what to buy and from whom (the permission table's <c>orders.place</c>).</summary>
    public static readonly string[] Buyers = [.. Permissions.Named("orders.place").Roles];

    /// <summary>Roles that change or remove purchase list lines (the table's <c>purchase-list.edit</c>).</summary>
    public static readonly string[] ListEditors = [.. Permissions.Named("purchase-list.edit").Roles];

    /// <summary>
    /// 成本权限: purchase costs and supplier floor prices are shown to owners and hq only (the article: cost data is never
    /// shown to everyone). A supplier guest sees the prices of its own supplier.
    /// </summary>
    public static bool CanSeeCosts(this ClaimsPrincipal user) => user.SeesAllCosts();

    /// <summary>The supplier a guest speaks for (claim <c>supplier</c>); null for staff.</summary>
    public static string? SupplierId(this ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.Supplier) ? user.FindFirst(PlatformClaims.Supplier)?.Value : null;

    public static bool SpeaksFor(this ClaimsPrincipal user, string supplierId) =>
        user.SupplierId() is { } own && string.Equals(own, supplierId, StringComparison.Ordinal);

    public static bool HasAnyRole(this ClaimsPrincipal user, params string[] roles) => roles.Any(user.IsInRole);

    /// <summary>Throws 403 naming the rule unless the caller holds one of <paramref name="roles"/>.</summary>
    public static void RequireRole(this ClaimsPrincipal user, string action, params string[] roles)
    {
        if (!user.HasAnyRole(roles))
            throw new ForbiddenException(
                $"只有 {string.Join(" / ", roles)} 可以{action} (only {string.Join(" / ", roles)} may do this; your roles: {string.Join(", ", user.Roles().DefaultIfEmpty("none"))}).");
    }

    /// <summary>Throws 403 unless the caller holds one of <paramref name="roles"/> and the branch is in their token.</summary>
    public static void RequireBranchRole(this ClaimsPrincipal user, string branch, string action, params string[] roles)
    {
        user.RequireRole(action, roles);
        if (!user.CanAccessBranch(branch))
            throw new ForbiddenException($"你没有门店 {branch} 的权限 (your account does not include branch '{branch}').");
    }
}
