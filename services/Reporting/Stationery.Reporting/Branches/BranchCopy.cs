using Marten;
using Marten.Metadata;
using MassTransit;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;

namespace Stationery.Reporting.Branches;

/// <summary>
/// Reporting's copy of a branch (门店), learnt from Identity's <see cref="BranchOpened"/> and kept by its
/// <see cref="BranchSettingsChanged"/>: its name, the time zone its calendar days are counted in and its closing time (when
/// the evening pass issues its day's report; null: the service's default). <see cref="SettingsAt"/> is when the settings
/// held here were made, so an older message arriving late changes nothing. <see cref="TenantId"/> is filled in by Marten,
/// for the evening pass over every chain.
/// </summary>
public sealed record BranchCopy(string Id, string Name, string TimeZone, DateTimeOffset OpenedAt, TimeOnly? ClosingTime = null,
    DateTimeOffset? SettingsAt = null) : ITenanted
{
    public string? TenantId { get; set; }

    public TimeZoneInfo Zone => BranchCalendar.Zone(TimeZone);
}

public sealed class BranchOpenedConsumer(IDocumentStore store, ILogger<BranchOpenedConsumer> log) : IdempotentConsumer<BranchOpened>(store, log)
{
    protected override async Task Apply(IDocumentSession session, BranchOpened message, ConsumeContext<BranchOpened> context)
    {
        // Settings changed after the opening may have arrived first: they win.
        var known = await session.LoadAsync<BranchCopy>(message.BranchId, context.CancellationToken);
        session.Store(known is { SettingsAt: not null }
            ? known with { OpenedAt = message.OccurredAt }
            : new BranchCopy(message.BranchId, message.Name, message.TimeZone, message.OccurredAt));
    }
}

/// <summary>A branch renamed, moved to another time zone or given another closing time: the copy takes the newest settings.</summary>
public sealed class BranchSettingsChangedConsumer(IDocumentStore store, ILogger<BranchSettingsChangedConsumer> log)
    : IdempotentConsumer<BranchSettingsChanged>(store, log)
{
    protected override async Task Apply(IDocumentSession session, BranchSettingsChanged message, ConsumeContext<BranchSettingsChanged> context)
    {
        var known = await session.LoadAsync<BranchCopy>(message.BranchId, context.CancellationToken);
        if (known?.SettingsAt >= message.OccurredAt) return;
        session.Store((known ?? new BranchCopy(message.BranchId, message.Name, message.TimeZone, message.OccurredAt)) with
        {
            Name = message.Name,
            TimeZone = message.TimeZone,
            ClosingTime = message.ClosingTime,
            SettingsAt = message.OccurredAt,
        });
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
