using System.Security.Claims;
using Marten;
using Marten.Metadata;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;

namespace Stationery.Inventory.Branches;

/// <summary>
/// Inventory's own copy of a branch (门店) of the chain, learnt from Identity's <see cref="BranchOpened"/>.
/// <see cref="TenantId"/> is filled in by Marten, for the passes that go over every chain.
/// </summary>
public sealed record Branch(string Id, string Name, string TimeZone, DateTimeOffset OpenedAt) : ITenanted
{
    public string? TenantId { get; set; }
}

public sealed class BranchOpenedConsumer(IDocumentStore store, ILogger<BranchOpenedConsumer> log)
    : IdempotentConsumer<BranchOpened>(store, log)
{
    protected override Task Apply(IDocumentSession session, BranchOpened message, ConsumeContext<BranchOpened> context)
    {
        session.Store(new Branch(message.BranchId, message.Name, message.TimeZone, message.OccurredAt));
        return Task.CompletedTask;
    }
}

public static class Access
{
    /// <summary>
    /// A branch route answers 404 when the caller's chain has no such branch (so another chain's branch looks exactly
    /// like a missing one), and 403 when the branch exists but is not in the caller's token (hq sees every branch).
    /// </summary>
    public static async Task<Branch> BranchAsync(this IQuerySession session, ClaimsPrincipal user, string branch, CancellationToken ct)
    {
        var found = await session.LoadAsync<Branch>(branch, ct) ?? throw new NotFoundException("门店 branch", branch);
        if (!user.CanAccessBranch(branch))
            throw new ForbiddenException($"你没有门店 {branch} 的权限 (your account does not include branch '{branch}').");
        return found;
    }

    /// <summary>Throws 403 naming the rule unless the caller holds one of <paramref name="roles"/>.</summary>
    public static void RequireRole(this ClaimsPrincipal user, string action, params string[] roles)
    {
        if (!roles.Any(user.IsInRole))
            throw new ForbiddenException($"Only {string.Join(" / ", roles)} may {action}; your roles: {string.Join(", ", user.Roles().DefaultIfEmpty("none"))}.");
    }
}
