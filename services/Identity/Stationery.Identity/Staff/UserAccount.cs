namespace Stationery.Identity.Staff;

/// <summary>
/// One account (staff member or supplier guest), one stream per user (stream id = user id). The state is also the inline
/// projection that login reads by username, so it holds the password hash (never the password) and is never returned
/// as is by an endpoint.
/// </summary>
public sealed record UserAccount(string Id, string Username, string DisplayName, string PasswordHash,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Branches, string? SupplierId, bool Disabled)
{
    public static UserAccount Create(UserEnrolled e) =>
        new(e.UserId, e.Username, e.DisplayName, e.PasswordHash, e.Roles, e.Branches, e.SupplierId, false);

    public UserAccount Apply(UserRolesChanged e) => this with { Roles = e.Roles, Branches = e.Branches };

    public UserAccount Apply(UserDisabled _) => this with { Disabled = true };

    public UserAccount Apply(PasswordChanged e) => this with { PasswordHash = e.PasswordHash };
}

/// <summary>
/// An account was created. Roles apply to the listed branches; <c>hq</c> covers every branch of the chain and usually
/// comes with no branches. A supplier guest has the single role <c>supplier</c>, no branches and a <paramref name="SupplierId"/>.
/// </summary>
public sealed record UserEnrolled(string UserId, string Username, string DisplayName, string PasswordHash,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Branches, string? SupplierId);

/// <summary>The complete new roles and branches of an account.</summary>
public sealed record UserRolesChanged(IReadOnlyList<string> Roles, IReadOnlyList<string> Branches);

/// <summary>The account may no longer log in.</summary>
public sealed record UserDisabled(string DisabledBy);

/// <summary>
/// The account's password hash was replaced: by its holder (<paramref name="ChangedBy"/> = the account) or reset by a
/// directory admin. Every refresh token of the account is revoked with it; the old password stops working.
/// </summary>
public sealed record PasswordChanged(string PasswordHash, string ChangedBy);
