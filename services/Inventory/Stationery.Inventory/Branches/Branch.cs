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
    /// like a missing one). Whether the branch is in the caller's token the permission filter has already checked.
    /// </summary>
    public static async Task<Branch> BranchAsync(this IQuerySession session, string branch, CancellationToken ct) =>
        await session.LoadAsync<Branch>(branch, ct) ?? throw new NotFoundException("门店 branch", branch);
}

/// <summary>Inventory's branches, for the permission filter's 404-versus-403 answer.</summary>
public sealed class InventoryBranchDirectory(IQuerySession session) : IBranchDirectory
{
    public async Task<bool> HasBranchAsync(string branch, CancellationToken ct) => await session.LoadAsync<Branch>(branch, ct) is not null;
}
