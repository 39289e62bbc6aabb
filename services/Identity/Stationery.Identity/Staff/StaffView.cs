namespace Stationery.Identity.Staff;

/// <summary>An account as the API shows it (never the password hash).</summary>
public sealed record StaffView(string Id, string Username, string DisplayName, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Branches, string? SupplierId, bool Disabled)
{
    public static StaffView Of(UserAccount a) => new(a.Id, a.Username, a.DisplayName, a.Roles, a.Branches, a.SupplierId, a.Disabled);
}
