using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff.Adding;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.Staff.Changing;

/// <summary>An owner or hq replaces a staff member's roles and branches, within their own reach (<see cref="GrantRules"/>).</summary>
public static class ChangeStaffRoles
{
    public sealed record Request(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Branches);

    public sealed record Command(string UserId, IReadOnlyList<string> Roles, IReadOnlyList<string> Branches);

    public static IReadOnlyList<object> Decide(UserAccount? account, Chain? chain, AccountReach by, Command command)
    {
        if (account is null || chain is null) throw new NotFoundException("Staff member", command.UserId);
        GrantRules.Change(by, AccountReach.Of(account, chain));
        GrantRules.Grant(by, command.Roles, command.Branches);
        if (account.Roles.Contains(PlatformRoles.Supplier))
            throw new DomainException("supplier-contact", "A supplier contact's role cannot be changed.");
        var unknown = command.Branches.Where(b => !chain.HasBranch(b)).ToList();
        if (unknown.Count > 0)
            throw new ValidationException(new Dictionary<string, string[]>
            {
                ["branches"] = [$"unknown branch: {string.Join(", ", unknown)}"],
            });
        var same = account.Roles.Order().SequenceEqual(command.Roles.Order())
            && account.Branches.Order().SequenceEqual(command.Branches.Order());
        return same ? [] : [new UserRolesChanged(command.Roles, command.Branches)];
    }

    public static RouteGroupBuilder MapChangeStaffRoles(this RouteGroupBuilder api)
    {
        api.MapPut("/staff/{id}", Handle).RequirePermission("directory.manage").WithName("ChangeStaffRoles");
        return api;
    }

    private static async Task<Ok<StaffView>> Handle(string id, Request request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        new Validation().RolesAndBranches(request.Roles, request.Branches).ThrowIfInvalid();

        var command = new Command(id, AddStaffMember.Distinct(request.Roles!), AddStaffMember.Distinct(request.Branches!));
        var chain = await session.LoadAsync<Chain>(Chain.StreamId, ct);
        var by = await session.CallerAsync(user, chain, ct);
        await session.Decide<UserAccount>(id, account => Decide(account, chain, by, command), ct);
        await session.SaveChangesAsync(ct);
        var account = await session.LoadAsync<UserAccount>(id, ct) ?? throw new NotFoundException("Staff member", id);
        return TypedResults.Ok(StaffView.Of(account));
    }
}
