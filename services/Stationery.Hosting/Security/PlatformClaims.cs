using System.Security.Claims;

namespace Stationery.Hosting.Security;

/// <summary>Claim names in the platform's access tokens.</summary>
public static class PlatformClaims
{
    public const string Tenant = "tenant";
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Username = "preferred_username";
    public const string Role = "role";
    public const string Branch = "branch";
    public const string Supplier = "supplier";

    public static string? TenantId(this ClaimsPrincipal user) => user.FindFirst(Tenant)?.Value;

    public static string RequiredTenantId(this ClaimsPrincipal user) =>
        user.TenantId() ?? throw new InvalidOperationException("The token carries no tenant.");

    public static string UserId(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value ?? "";

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst(Name)?.Value ?? user.UserId();

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) =>
        user.FindAll(Role).Select(c => c.Value).ToList();

    public static IReadOnlyList<string> Branches(this ClaimsPrincipal user) =>
        user.FindAll(Branch).Select(c => c.Value).ToList();

    /// <summary>hq sees every branch of the chain; everyone else the branches in their token.</summary>
    public static bool CanAccessBranch(this ClaimsPrincipal user, string branch) =>
        user.IsInRole(Roles_.Hq) || user.Branches().Contains(branch, StringComparer.Ordinal);

    private static class Roles_ { public const string Hq = PlatformRoles.Hq; }
}

/// <summary>The roles a staff member or guest can hold.</summary>
public static class PlatformRoles
{
    public const string Owner = "owner";
    public const string Manager = "manager";
    public const string Clerk = "clerk";
    public const string Hq = "hq";
    public const string Supplier = "supplier";

    public static readonly IReadOnlyList<string> All = [Owner, Manager, Clerk, Hq, Supplier];
}
