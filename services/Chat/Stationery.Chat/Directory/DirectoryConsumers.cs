using Marten;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Directory;

/// <summary>A branch opened: record it and give it its 门店群, 库存监控 and 盘点 channels with the staff already known.</summary>
public sealed class BranchOpenedConsumer(IDocumentStore store, ILogger<BranchOpenedConsumer> log)
    : IdempotentConsumer<BranchOpened>(store, log)
{
    protected override Task Apply(IDocumentSession session, BranchOpened message, ConsumeContext<BranchOpened> context) =>
        DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
}

/// <summary>A branch's settings changed: record its new name.</summary>
public sealed class BranchSettingsChangedConsumer(IDocumentStore store, ILogger<BranchSettingsChangedConsumer> log)
    : IdempotentConsumer<BranchSettingsChanged>(store, log)
{
    protected override Task Apply(IDocumentSession session, BranchSettingsChanged message, ConsumeContext<BranchSettingsChanged> context) =>
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
    protected override Task Apply(IDocumentSession session, StaffMemberDisabled message, ConsumeContext<StaffMemberDisabled> context)
    {
        // Chat's own consumer of the event, so it also keeps what the platform's disabled-account check reads.
        DisabledAccounts.Record(session, message);
        return DirectorySync.RecordAsync(session, d => d.Decide(message), context.CancellationToken);
    }
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

// Every directory change appends to the chain's one `directory` stream, so deliveries of one queue processed side by side
// would only overtake each other's version and run again (a chain importing its staff is a burst of hundreds). So each
// directory queue is consumed one message at a time per replica; what still races (the other directory queues, a second
// replica) loses a write conflict and is run again by IdempotentConsumer after a jittered wait (PlatformRetry).
// (Concrete definitions only: MassTransit matches a definition to its consumer by its closed ConsumerDefinition<T>.)

/// <summary>One <see cref="BranchOpened"/> at a time per replica (the directory stream is the chain's one writer).</summary>
public sealed class BranchOpenedConsumerDefinition : ConsumerDefinition<BranchOpenedConsumer>
{
    public BranchOpenedConsumerDefinition() => ConcurrentMessageLimit = DirectorySync.ConcurrentChanges;
}

/// <summary>One <see cref="BranchSettingsChanged"/> at a time per replica (the directory stream is the chain's one writer).</summary>
public sealed class BranchSettingsChangedConsumerDefinition : ConsumerDefinition<BranchSettingsChangedConsumer>
{
    public BranchSettingsChangedConsumerDefinition() => ConcurrentMessageLimit = DirectorySync.ConcurrentChanges;
}

/// <summary>One <see cref="StaffMemberAdded"/> at a time per replica (the directory stream is the chain's one writer).</summary>
public sealed class StaffMemberAddedConsumerDefinition : ConsumerDefinition<StaffMemberAddedConsumer>
{
    public StaffMemberAddedConsumerDefinition() => ConcurrentMessageLimit = DirectorySync.ConcurrentChanges;
}

/// <summary>One <see cref="StaffMemberDisabled"/> at a time per replica (the directory stream is the chain's one writer).</summary>
public sealed class StaffMemberDisabledConsumerDefinition : ConsumerDefinition<StaffMemberDisabledConsumer>
{
    public StaffMemberDisabledConsumerDefinition() => ConcurrentMessageLimit = DirectorySync.ConcurrentChanges;
}

/// <summary>One <see cref="StaffRolesChanged"/> at a time per replica (the directory stream is the chain's one writer).</summary>
public sealed class StaffRolesChangedConsumerDefinition : ConsumerDefinition<StaffRolesChangedConsumer>
{
    public StaffRolesChangedConsumerDefinition() => ConcurrentMessageLimit = DirectorySync.ConcurrentChanges;
}

/// <summary>One <see cref="SupplierRegistered"/> at a time per replica (the directory stream is the chain's one writer).</summary>
public sealed class SupplierRegisteredConsumerDefinition : ConsumerDefinition<SupplierRegisteredConsumer>
{
    public SupplierRegisteredConsumerDefinition() => ConcurrentMessageLimit = DirectorySync.ConcurrentChanges;
}
