using Marten;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Directory;

/// <summary>A branch opened: record it and give it its 门店群, 库存监控 and 盘点 channels with the staff already known.</summary>
public sealed class BranchOpenedConsumer(IDocumentStore store, ILogger<BranchOpenedConsumer> log)
    : IdempotentConsumer<BranchOpened>(store, log)
{
    protected override Task Apply(IDocumentSession session, BranchOpened message, ConsumeContext<BranchOpened> context) =>
        DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
}

/// <summary>A new account: record it and add it to the channels of its branches (hq: all; supplier guests: none).</summary>
public sealed class StaffMemberAddedConsumer(IDocumentStore store, ILogger<StaffMemberAddedConsumer> log)
    : IdempotentConsumer<StaffMemberAdded>(store, log)
{
    protected override Task Apply(IDocumentSession session, StaffMemberAdded message, ConsumeContext<StaffMemberAdded> context) =>
        DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
}

/// <summary>A disabled account leaves every channel (its open connections are ended by the live fan-out).</summary>
public sealed class StaffMemberDisabledConsumer(IDocumentStore store, ILogger<StaffMemberDisabledConsumer> log)
    : IdempotentConsumer<StaffMemberDisabled>(store, log)
{
    protected override Task Apply(IDocumentSession session, StaffMemberDisabled message, ConsumeContext<StaffMemberDisabled> context) =>
        DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
}

/// <summary>Roles or branches changed: move the account between branch channels accordingly.</summary>
public sealed class StaffRolesChangedConsumer(IDocumentStore store, ILogger<StaffRolesChangedConsumer> log)
    : IdempotentConsumer<StaffRolesChanged>(store, log)
{
    protected override Task Apply(IDocumentSession session, StaffRolesChanged message, ConsumeContext<StaffRolesChanged> context) =>
        DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
}

/// <summary>A supplier registered with Purchasing: record it and open its channel for the buyers and its guests.</summary>
public sealed class SupplierRegisteredConsumer(IDocumentStore store, ILogger<SupplierRegisteredConsumer> log)
    : IdempotentConsumer<SupplierRegistered>(store, log)
{
    protected override Task Apply(IDocumentSession session, SupplierRegistered message, ConsumeContext<SupplierRegistered> context) =>
        DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
}
