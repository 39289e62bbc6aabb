namespace Stationery.Identity.Chains;

/// <summary>
/// The directory of one chain (tenant): its name, branches and the usernames taken. One stream per tenant with the fixed
/// id <see cref="StreamId"/>; it is also the lock that keeps usernames unique, because every new account reserves its
/// username here in the same transaction as the account's own stream is started.
/// </summary>
public sealed record Chain(string Id, string Code, string Name, IReadOnlyList<Branch> Branches,
    IReadOnlyDictionary<string, string> Usernames)
{
    public const string StreamId = "chain";

    /// <summary>The owner who signed the chain up: the one owner who may grant hq without holding it.</summary>
    public string? FoundingOwnerId { get; init; }

    public bool HasBranch(string code) => Branches.Any(b => b.Code == code);

    public static Chain Create(ChainSignedUp e) =>
        new(StreamId, e.Code, e.Name, [], new Dictionary<string, string>()) { FoundingOwnerId = e.OwnerUserId };

    public Chain Apply(BranchAdded e) => this with { Branches = [.. Branches, new Branch(e.Code, e.Name, e.TimeZone)] };

    public Chain Apply(BranchSettingsChanged e) => this with
    {
        Branches = [.. Branches.Select(b => b.Code == e.Code ? b with { Name = e.Name, TimeZone = e.TimeZone, ClosingTime = e.ClosingTime } : b)],
    };

    public Chain Apply(UsernameReserved e) =>
        this with { Usernames = new Dictionary<string, string>(Usernames) { [e.Username] = e.UserId } };
}

/// <summary>
/// A branch (门店) of the chain; its code is the branch id every service uses. <see cref="ClosingTime"/> is when its
/// evening report is pushed (null: the platform's default).
/// </summary>
public sealed record Branch(string Code, string Name, string TimeZone, TimeOnly? ClosingTime = null);

/// <summary>A chain signed up; <paramref name="OwnerUserId"/> is the account created with it.</summary>
public sealed record ChainSignedUp(string Code, string Name, string OwnerUserId);

public sealed record BranchAdded(string Code, string Name, string TimeZone);

/// <summary>A branch's settings now read so (renamed, moved to another time zone, another closing time).</summary>
public sealed record BranchSettingsChanged(string Code, string Name, string TimeZone, TimeOnly? ClosingTime);

/// <summary>A username was taken by a new account (user stream <paramref name="UserId"/>).</summary>
public sealed record UsernameReserved(string Username, string UserId);
