using JasperFx.Events;
using Marten.Events.Aggregation;
using Stationery.Contracts.Identity;
using Contracts = Stationery.Contracts;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Directory;

// Chat's copy of the chain's directory, learnt from Identity's events. One stream per chain ("directory"): every
// directory change appends to it, so two changes processed at once conflict on its version and one is retried with
// the other's result — a branch and its staff can arrive in any order without anybody being left out of a channel.

public sealed record BranchRecorded(string Code, string Name);

public sealed record StaffRecorded(string UserId, string Username, string DisplayName, string[] Roles, string[] Branches,
    string? SupplierId, DateTimeOffset RolesAsOf);

public sealed record StaffRolesRecorded(string UserId, string[] Roles, string[] Branches, DateTimeOffset AsOf);

public sealed record StaffDisabledRecorded(string UserId, DateTimeOffset At);

/// <summary>A supplier registered with Purchasing: it gets a supplier channel.</summary>
public sealed record SupplierRecorded(string SupplierId, string Name);

public sealed record DirectoryBranch(string Code, string Name);

public sealed record DirectorySupplier(string Id, string Name);

public sealed record DirectoryUser(string Id, string Username, string DisplayName, string[] Roles, string[] Branches,
    string? SupplierId, DateTimeOffset RolesAsOf, bool Disabled = false)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Staff belong to their branches' channels, hq to every branch's; a supplier guest to none of them.</summary>
    public bool BelongsTo(string branch) =>
        !Disabled && !HasRole(PlatformRoles.Supplier) && (HasRole(PlatformRoles.Hq) || Branches.Contains(branch, StringComparer.Ordinal));

    /// <summary>
    /// A supplier's channel: the supplier's own guests, and the chain's owners, managers and hq (they buy for every branch).
    /// A guest of another supplier never.
    /// </summary>
    public bool BelongsToSupplier(string supplierId) =>
        !Disabled && (HasRole(PlatformRoles.Supplier)
            ? string.Equals(SupplierId, supplierId, StringComparison.Ordinal)
            : HasRole(PlatformRoles.Owner) || HasRole(PlatformRoles.Manager) || HasRole(PlatformRoles.Hq));

    /// <summary>
    /// The chain's cost roles: whoever the permission table gives <c>costs.see</c> for every supplier (owner, hq). A supplier
    /// guest holds it for its own supplier only (<see cref="SeesPricesOf"/>).
    /// </summary>
    public bool SeesAllCosts =>
        !Disabled && !HasRole(PlatformRoles.Supplier) && Roles.Any(r => Permissions.Named(Permissions.SeeCosts).Allows(r));

    /// <summary>May see this supplier's prices: a cost role, or one of the supplier's own guests.</summary>
    public bool SeesPricesOf(string supplierId) =>
        SeesAllCosts || (!Disabled && HasRole(PlatformRoles.Supplier) && string.Equals(SupplierId, supplierId, StringComparison.Ordinal));

    /// <summary>A supplier's price channel (报价): exactly those who may see its prices.</summary>
    public bool BelongsToPriceChannel(string supplierId) => SeesPricesOf(supplierId);

    /// <summary>Owners and managers of the branch: the people a stock alert @mentions.</summary>
    public bool Leads(string branch) =>
        !Disabled && !HasRole(PlatformRoles.Supplier) && Branches.Contains(branch, StringComparer.Ordinal)
        && (HasRole(PlatformRoles.Owner) || HasRole(PlatformRoles.Manager));
}

public sealed record ChatDirectory(string Id, IReadOnlyDictionary<string, DirectoryBranch> Branches,
    IReadOnlyDictionary<string, DirectoryUser> Users, IReadOnlyDictionary<string, DirectorySupplier>? Suppliers = null)
{
    public const string StreamId = "directory";

    public static readonly ChatDirectory Empty = new(StreamId, new Dictionary<string, DirectoryBranch>(), new Dictionary<string, DirectoryUser>(),
        new Dictionary<string, DirectorySupplier>());

    /// <summary>Registered suppliers (a directory stored before suppliers were kept has none).</summary>
    public IReadOnlyDictionary<string, DirectorySupplier> KnownSuppliers => Suppliers ?? Empty.Suppliers!;

    public IReadOnlySet<string> MembersOfSupplier(string supplierId) =>
        Users.Values.Where(u => u.BelongsToSupplier(supplierId)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The members of a supplier's price channel: its guests and the chain's cost roles.</summary>
    public IReadOnlySet<string> MembersOfPriceChannel(string supplierId) =>
        Users.Values.Where(u => u.BelongsToPriceChannel(supplierId)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The supplier's guest contacts (whom an order card @mentions).</summary>
    public IReadOnlyList<DirectoryUser> GuestsOf(string supplierId) =>
        [.. Users.Values.Where(u => !u.Disabled && u.HasRole(PlatformRoles.Supplier) && u.SupplierId == supplierId).OrderBy(u => u.Id, StringComparer.Ordinal)];

    /// <summary>The chain's owners and managers (whom a change by a supplier concerns).</summary>
    public IReadOnlyList<DirectoryUser> Buyers() =>
        [.. Users.Values.Where(u => !u.Disabled && !u.HasRole(PlatformRoles.Supplier) && (u.HasRole(PlatformRoles.Owner) || u.HasRole(PlatformRoles.Manager)))
            .OrderBy(u => u.HasRole(PlatformRoles.Owner) ? 0 : 1).ThenBy(u => u.Id, StringComparer.Ordinal)];

    /// <summary>Branches opened, and branches a staff member is assigned to even if the opening has not arrived yet.</summary>
    public IReadOnlyList<string> KnownBranches() =>
    [
        .. Branches.Keys
            .Concat(Users.Values.Where(u => !u.HasRole(PlatformRoles.Supplier)).SelectMany(u => u.Branches))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    public IReadOnlySet<string> MembersOf(string branch) =>
        Users.Values.Where(u => u.BelongsTo(branch)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<DirectoryUser> LeadersOf(string branch) =>
        [.. Users.Values.Where(u => u.Leads(branch)).OrderBy(u => u.HasRole(PlatformRoles.Owner) ? 0 : 1).ThenBy(u => u.Id, StringComparer.Ordinal)];

    public bool IsDisabled(string userId) => Users.TryGetValue(userId, out var user) && user.Disabled;

    public string DisplayName(string userId) => Users.TryGetValue(userId, out var user) ? user.DisplayName : userId;

    public string BranchName(string branch) => Branches.TryGetValue(branch, out var b) ? b.Name : branch;

    public IReadOnlyList<object> Decide(BranchOpened m) =>
        Branches.TryGetValue(m.BranchId, out var known) && known.Name == m.Name ? [] : [new BranchRecorded(m.BranchId, m.Name)];

    /// <summary>A renamed branch: the directory takes the new name (its channels are named by topic, not by branch).</summary>
    public IReadOnlyList<object> Decide(BranchSettingsChanged m) =>
        Branches.TryGetValue(m.BranchId, out var known) && known.Name == m.Name ? [] : [new BranchRecorded(m.BranchId, m.Name)];

    /// <summary>
    /// A new account. If a later role change overtook it (events arrive in any order), the newer roles stay.
    /// </summary>
    public IReadOnlyList<object> Decide(StaffMemberAdded m)
    {
        Users.TryGetValue(m.UserId, out var known);
        var newer = known is not null && known.RolesAsOf > m.OccurredAt ? known : null;
        return
        [
            new StaffRecorded(m.UserId, m.Username, m.DisplayName, newer?.Roles ?? [.. m.Roles], newer?.Branches ?? [.. m.Branches],
                m.SupplierId, newer?.RolesAsOf ?? m.OccurredAt),
        ];
    }

    /// <summary>The complete new roles and branches, unless a newer change was already applied.</summary>
    public IReadOnlyList<object> Decide(StaffRolesChanged m) =>
        Users.TryGetValue(m.UserId, out var known) && known.RolesAsOf > m.OccurredAt
            ? []
            : [new StaffRolesRecorded(m.UserId, [.. m.Roles], [.. m.Branches], m.OccurredAt)];

    /// <summary>A supplier registered (or renamed by a later registration).</summary>
    public IReadOnlyList<object> Decide(Contracts.Purchasing.SupplierRegistered m) =>
        KnownSuppliers.TryGetValue(m.SupplierId, out var known) && known.Name == m.Name ? [] : [new SupplierRecorded(m.SupplierId, m.Name)];

    /// <summary>A disabled account leaves every channel; an account is never enabled again under the same id.</summary>
    public IReadOnlyList<object> Decide(StaffMemberDisabled m) =>
        IsDisabled(m.UserId) ? [] : [new StaffDisabledRecorded(m.UserId, m.OccurredAt)];

    public static ChatDirectory Fold(ChatDirectory state, object e) => e switch
    {
        BranchRecorded b => state with { Branches = With(state.Branches, b.Code, new DirectoryBranch(b.Code, b.Name)) },
        SupplierRecorded s => state with { Suppliers = With(state.KnownSuppliers, s.SupplierId, new DirectorySupplier(s.SupplierId, s.Name)) },
        StaffRecorded s => state with
        {
            Users = With(state.Users, s.UserId, new DirectoryUser(s.UserId, s.Username, s.DisplayName, s.Roles, s.Branches, s.SupplierId,
                s.RolesAsOf, state.IsDisabled(s.UserId))),
        },
        StaffRolesRecorded r => state with
        {
            // Roles of an account whose creation has not arrived yet: remember them under a placeholder name.
            Users = With(state.Users, r.UserId, (state.Users.GetValueOrDefault(r.UserId)
                    ?? new DirectoryUser(r.UserId, r.UserId, r.UserId, [], [], null, r.AsOf))
                with { Roles = r.Roles, Branches = r.Branches, RolesAsOf = r.AsOf }),
        },
        StaffDisabledRecorded d => state with
        {
            Users = With(state.Users, d.UserId, (state.Users.GetValueOrDefault(d.UserId)
                ?? new DirectoryUser(d.UserId, d.UserId, d.UserId, [], [], null, d.At)) with { Disabled = true }),
        },
        _ => state,
    };

    private static Dictionary<string, T> With<T>(IReadOnlyDictionary<string, T> map, string key, T value) =>
        new(map, StringComparer.Ordinal) { [key] = value };
}

public sealed class DirectoryProjection : SingleStreamProjection<ChatDirectory, string>
{
    public DirectoryProjection()
    {
        IncludeType<BranchRecorded>();
        IncludeType<StaffRecorded>();
        IncludeType<StaffRolesRecorded>();
        IncludeType<StaffDisabledRecorded>();
        IncludeType<SupplierRecorded>();
    }

    public override ChatDirectory? Evolve(ChatDirectory? snapshot, string id, IEvent e) =>
        ChatDirectory.Fold(snapshot ?? ChatDirectory.Empty with { Id = id }, e.Data);
}
