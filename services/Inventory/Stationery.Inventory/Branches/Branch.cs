using Marten;
using Marten.Metadata;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;

namespace Stationery.Inventory.Branches;

/// <summary>
/// Inventory's own copy of a branch (门店) of the chain, learnt from Identity's <see cref="BranchOpened"/> and kept by its
/// <see cref="BranchSettingsChanged"/> (<see cref="SettingsAt"/>: when the settings held here were made).
/// <see cref="TenantId"/> is filled in by Marten, for the passes that go over every chain.
/// </summary>
public sealed record Branch(string Id, string Name, string TimeZone, DateTimeOffset OpenedAt, DateTimeOffset? SettingsAt = null) : ITenanted
{
    public string? TenantId { get; set; }
}

public sealed class BranchOpenedConsumer(IDocumentStore store, ILogger<BranchOpenedConsumer> log)
    : IdempotentConsumer<BranchOpened>(store, log)
{
    protected override async Task Apply(IDocumentSession session, BranchOpened message, ConsumeContext<BranchOpened> context)
    {
        // Settings changed after the opening may have arrived first: they win.
        var known = await session.LoadAsync<Branch>(message.BranchId, context.CancellationToken);
        session.Store(known is { SettingsAt: not null } ? known with { OpenedAt = message.OccurredAt }
            : new Branch(message.BranchId, message.Name, message.TimeZone, message.OccurredAt));
    }
}

/// <summary>A branch renamed or moved to another time zone: the copy takes the settings (the newest, by when they were made).</summary>
public sealed class BranchSettingsChangedConsumer(IDocumentStore store, ILogger<BranchSettingsChangedConsumer> log)
    : IdempotentConsumer<BranchSettingsChanged>(store, log)
{
    protected override async Task Apply(IDocumentSession session, BranchSettingsChanged message, ConsumeContext<BranchSettingsChanged> context)
    {
        var known = await session.LoadAsync<Branch>(message.BranchId, context.CancellationToken);
        if (known?.SettingsAt >= message.OccurredAt) return;
        session.Store((known ?? new Branch(message.BranchId, message.Name, message.TimeZone, message.OccurredAt)) with
        {
            Name = message.Name,
            TimeZone = message.TimeZone,
            SettingsAt = message.OccurredAt,
        });
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
