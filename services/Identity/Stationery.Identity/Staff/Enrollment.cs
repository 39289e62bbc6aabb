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
    public static Task EnrollAsync(this IDocumentSession session, Enroll command, CancellationToken ct) =>
        session.EnrollAllAsync([command], ct);

    /// <summary>
    /// Several accounts in one transaction (the staff import): the chain's side decided once for all of them, each command
    /// against the chain as the ones before it left it, so the chain stream is appended once at the version it was read.
    /// </summary>
    public static async Task EnrollAllAsync(this IDocumentSession session, IReadOnlyList<Enroll> commands, CancellationToken ct)
    {
        if (commands.Count == 0) return;
        await session.Decide<Chain>(Chain.StreamId, chain =>
        {
            var events = new List<object>();
            foreach (var command in commands)
            {
                var decided = Decide(chain, command);
                events.AddRange(decided);
                chain = decided.Aggregate(chain, StateEvolver<Chain>.Evolve);
            }
            return events;
        }, ct);
        foreach (var command in commands)
            await session.Decide<UserAccount>(command.UserId, account => Decide(account, command), ct);
    }

    public static string NewUserId() => Guid.CreateVersion7().ToString("N");
}
