using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Branches.Opening;

/// <summary>An owner or hq opens a branch (门店). An owner who opens a branch becomes its owner too.</summary>
public static class OpenBranch
{
    public sealed record Request(string? Code, string? Name, string? TimeZone);

    public sealed record Command(string Code, string Name, string TimeZone);

    public static IReadOnlyList<object> Decide(Chain? chain, Command command)
    {
        if (chain is null) throw new NotFoundException("Chain", "");
        if (chain.HasBranch(command.Code))
            throw new DomainException("branch-exists", $"The chain already has a branch '{command.Code}'.");
        return [new BranchAdded(command.Code, command.Name, command.TimeZone)];
    }

    /// <summary>
    /// hq already covers every branch; anyone else opening a branch (an owner) is given it, so the owner of a new chain sees
    /// the branches they create, and other services learn who owns the branch from StaffRolesChanged.
    /// </summary>
    public static IReadOnlyList<object> GrantToOpener(UserAccount? opener, Command command)
    {
        if (opener is null || opener.Roles.Contains(PlatformRoles.Hq) || opener.Branches.Contains(command.Code)) return [];
        return [new UserRolesChanged(opener.Roles, [.. opener.Branches, command.Code])];
    }

    /// <summary>The one path for a new branch (API and demo seed); the caller commits.</summary>
    public static async Task ExecuteAsync(IDocumentSession session, Command command, string openerId, CancellationToken ct)
    {
        await session.Decide<Chain>(Chain.StreamId, chain => Decide(chain, command), ct);
        await session.Decide<UserAccount>(openerId, opener => GrantToOpener(opener, command), ct);
    }

    public static RouteGroupBuilder MapOpenBranch(this RouteGroupBuilder api)
    {
        api.MapPost("/branches", Handle).RequirePermission("directory.manage").WithName("OpenBranch");
        return api;
    }

    private static async Task<Created<Branch>> Handle(Request request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(Codes.IsValid(request.Code), "code", Codes.Rule);
        v.NotEmpty(request.Name, "name", 100);
        v.Require(TimeZones.IsIana(request.TimeZone), "timeZone", "must be an IANA time zone, e.g. Asia/Shanghai");
        v.ThrowIfInvalid();

        var command = new Command(request.Code!, request.Name!.Trim(), request.TimeZone!);
        await ExecuteAsync(session, command, user.UserId(), ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/identity/branches/{command.Code}", new Branch(command.Code, command.Name, command.TimeZone));
    }
}
