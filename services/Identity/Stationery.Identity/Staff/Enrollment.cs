using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Identity.Chains;

namespace Stationery.Identity.Staff;

/// <summary>Create an account: owners at sign-up, staff, supplier guests and the demo seed all come through here.</summary>
public sealed record Enroll(string UserId, string Username, string DisplayName, string PasswordHash,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Branches, string? SupplierId);

public static class Enrollment
{
    /// <summary>The chain's side: the branches must exist and the username must be free.</summary>
    public static IReadOnlyList<object> Decide(Chain? chain, Enroll command)
    {
        if (chain is null) throw new NotFoundException("Chain", "");
        var unknown = command.Branches.Where(b => !chain.HasBranch(b)).ToList();
        if (unknown.Count > 0)
            throw new ValidationException(new Dictionary<string, string[]>
            {
                ["branches"] = [$"unknown branch: {string.Join(", ", unknown)}"],
            });
        if (chain.Usernames.ContainsKey(command.Username))
            throw new DomainException("username-taken", $"The username '{command.Username}' is already taken in this chain.");
        return [new UsernameReserved(command.Username, command.UserId)];
    }

    /// <summary>The account's side: a new stream.</summary>
    public static IReadOnlyList<object> Decide(UserAccount? account, Enroll command) =>
        account is not null
            ? throw new DomainException("user-exists", $"User '{command.UserId}' already exists.")
            : [new UserEnrolled(command.UserId, command.Username, command.DisplayName, command.PasswordHash,
                command.Roles, command.Branches, command.SupplierId)];

    /// <summary>Both sides in one transaction (the caller commits): the chain stream's version guards the username.</summary>
    public static async Task EnrollAsync(this IDocumentSession session, Enroll command, CancellationToken ct)
    {
        await session.Decide<Chain>(Chain.StreamId, chain => Decide(chain, command), ct);
        await session.Decide<UserAccount>(command.UserId, account => Decide(account, command), ct);
    }

    public static string NewUserId() => Guid.CreateVersion7().ToString("N");
}
