using System.Security.Claims;
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
    /// A branch report answers 403 to a role without <paramref name="permission"/> (before anything is looked up), 404 when
    /// the caller's chain has no such branch (another chain's branch looks exactly like a missing one), and 403 when the
    /// branch is not in the caller's token (hq sees every branch).
    /// </summary>
    public static async Task<BranchCopy> BranchAsync(this IQuerySession session, ClaimsPrincipal user, string branch, CancellationToken ct)
    {
        RequirePermission(user, ReportPermissions.Branch);
        var found = await session.LoadAsync<BranchCopy>(branch, ct) ?? throw new NotFoundException("门店 branch", branch);
        if (!user.CanAccessBranch(branch))
            throw new ForbiddenException($"你没有门店 {branch} 的权限 (your account does not include branch '{branch}').");
        return found;
    }

    public static void RequirePermission(ClaimsPrincipal user, string permission)
    {
        if (!user.Allows(permission))
        {
            var roles = Permissions.Named(permission).Roles;
            throw new ForbiddenException(
                $"报表仅限 {string.Join(" / ", roles)} 查看 (only {string.Join(" / ", roles)} may read these reports); your roles: {string.Join(", ", user.Roles().DefaultIfEmpty("none"))}.");
        }
    }
}

/// <summary>The rows of the permission table (Stationery.Hosting/Security/Permissions.cs) that Reporting's routes check.</summary>
public static class ReportPermissions
{
    public const string Branch = "reports.branch";
    public const string Chain = "reports.chain";
}
