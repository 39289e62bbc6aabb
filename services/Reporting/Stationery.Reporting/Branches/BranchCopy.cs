using Marten;
using Marten.Metadata;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;

namespace Stationery.Reporting.Branches;

/// <summary>
/// Reporting's copy of a branch (门店), learnt from Identity's <see cref="BranchOpened"/>: its name and the time zone its
/// calendar days are counted in. <see cref="TenantId"/> is filled in by Marten, for the evening pass over every chain.
/// </summary>
public sealed record BranchCopy(string Id, string Name, string TimeZone, DateTimeOffset OpenedAt) : ITenanted
{
    public string? TenantId { get; set; }

    public TimeZoneInfo Zone => BranchCalendar.Zone(TimeZone);
}

public sealed class BranchOpenedConsumer(IDocumentStore store, ILogger<BranchOpenedConsumer> log) : IdempotentConsumer<BranchOpened>(store, log)
{
    protected override Task Apply(IDocumentSession session, BranchOpened message, ConsumeContext<BranchOpened> context)
    {
        session.Store(new BranchCopy(message.BranchId, message.Name, message.TimeZone, message.OccurredAt));
        return Task.CompletedTask;
    }
}

/// <summary>Which calendar day a moment falls on at a branch.</summary>
public static class BranchCalendar
{
    /// <summary>China time: the zone of a branch whose opening has not reached Reporting yet, or whose zone this machine lacks.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    public static TimeZoneInfo Zone(string? id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id ?? DefaultZone, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(DefaultZone, out var china) ? china
        : TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");

    public static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}

public static class BranchAccess
{
    /// <summary>
    /// A branch report answers 404 when the caller's chain has no such branch (another chain's branch looks exactly like a
    /// missing one). The role and whether the branch is in the caller's token the permission filter has already checked.
    /// </summary>
    public static async Task<BranchCopy> BranchAsync(this IQuerySession session, string branch, CancellationToken ct) =>
        await session.LoadAsync<BranchCopy>(branch, ct) ?? throw new NotFoundException("门店 branch", branch);
}

/// <summary>Reporting's branches, for the permission filter's 404-versus-403 answer.</summary>
public sealed class ReportingBranchDirectory(IQuerySession session) : IBranchDirectory
{
    public async Task<bool> HasBranchAsync(string branch, CancellationToken ct) => await session.LoadAsync<BranchCopy>(branch, ct) is not null;
}
