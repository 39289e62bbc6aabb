using System.Security.Claims;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Identity.Staff;

/// <summary>Who may change the chain's directory (branches, staff, supplier contacts): the owner and hq.</summary>
public static class DirectoryAdmins
{
    public static void RequireDirectoryAdmin(this ClaimsPrincipal user, string action)
    {
        if (!user.IsInRole(PlatformRoles.Owner) && !user.IsInRole(PlatformRoles.Hq))
            throw new ForbiddenException($"Only an owner or hq may {action}.");
    }

    /// <summary>Reading the directory is for staff; supplier guests see only what concerns their supplier.</summary>
    public static void RequireStaff(this ClaimsPrincipal user)
    {
        if (user.Roles().All(r => r == PlatformRoles.Supplier))
            throw new ForbiddenException("Supplier contacts cannot read the chain's directory.");
    }
}
