using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;

namespace Stationery.Identity.Branches.Changing;

/// <summary>
/// An owner or hq changes a branch's settings (门店设置): its name, its time zone and its closing time (打烊时间, when the
/// evening report is pushed; none means the platform's default). The code never changes: every service keys on it.
/// </summary>
public static class ChangeBranch
{
    /// <param name="ClosingTime"><c>HH:mm</c> on the branch's clock, or null for the platform's default.</param>
    public sealed record Request(string? Name, string? TimeZone, string? ClosingTime);

    public sealed record Command(string Code, string Name, string TimeZone, TimeOnly? ClosingTime);

    /// <summary>One event with every setting, or none when nothing changes (a repeated save is not news).</summary>
    public static IReadOnlyList<object> Decide(Chain? chain, Command command)
    {
        var branch = chain?.Branches.FirstOrDefault(b => b.Code == command.Code) ?? throw new NotFoundException("门店 branch", command.Code);
        if (branch.Name == command.Name && branch.TimeZone == command.TimeZone && branch.ClosingTime == command.ClosingTime) return [];
        return [new BranchSettingsChanged(command.Code, command.Name, command.TimeZone, command.ClosingTime)];
    }

    public static RouteGroupBuilder MapChangeBranch(this RouteGroupBuilder api)
    {
        api.MapPut("/branches/{code}", Handle).RequirePermission("directory.manage").WithName("ChangeBranch")
            .WithSummary("Rename a branch, set its time zone and its closing time (HH:mm, when its evening report is pushed; null: the default).");
        return api;
    }

    private static async Task<Ok<Branch>> Handle(string code, Request request, IDocumentSession session, CancellationToken ct)
    {
        var v = new Validation();
        v.NotEmpty(request.Name, "name", 100);
        v.Require(TimeZones.IsIana(request.TimeZone), "timeZone", "must be an IANA time zone, e.g. Asia/Shanghai");
        TimeOnly? closing = null;
        if (!string.IsNullOrWhiteSpace(request.ClosingTime))
        {
            var ok = TimeOnly.TryParseExact(request.ClosingTime.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at);
            v.Require(ok, "closingTime", "must be a time of day as HH:mm, e.g. 21:30");
            closing = ok ? at : null;
        }
        v.ThrowIfInvalid();

        var command = new Command(code, request.Name!.Trim(), request.TimeZone!.Trim(), closing);
        await session.Decide<Chain>(Chain.StreamId, chain => Decide(chain, command), ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new Branch(command.Code, command.Name, command.TimeZone, command.ClosingTime));
    }
}
