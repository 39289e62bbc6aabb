using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;
using Stationery.Identity.Sessions;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.Staff.Disabling;

/// <summary>An owner or hq disables an account: it can no longer log in, and its refresh tokens are revoked. Disabling twice changes nothing.</summary>
public static class DisableStaffMember
{
    public sealed record Command(string UserId, string DisabledBy);

    public static IReadOnlyList<object> Decide(UserAccount? account, Chain? chain, AccountReach by, Command command)
    {
        if (account is null) throw new NotFoundException("Staff member", command.UserId);
        if (account.Id == command.DisabledBy)
            throw new DomainException("cannot-disable-self", "You cannot disable your own account.");
        GrantRules.Touch(by, AccountReach.Of(account, chain), "停用它", "disable");
        return account.Disabled ? [] : [new UserDisabled(command.DisabledBy)];
    }

    public static RouteGroupBuilder MapDisableStaffMember(this RouteGroupBuilder api)
    {
        api.MapPost("/staff/{id}/disable", Handle).RequirePermission("directory.manage").WithName("DisableStaffMember");
        return api;
    }

    private static async Task<Ok<StaffView>> Handle(string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var chain = await session.LoadAsync<Chain>(Chain.StreamId, ct);
        var by = await session.CallerAsync(user, chain, ct);
        await session.Decide<UserAccount>(id, account => Decide(account, chain, by, new Command(id, user.UserId())), ct);
        RefreshTokens.RevokeAll(session, id);
        await session.SaveChangesAsync(ct);
        var account = await session.LoadAsync<UserAccount>(id, ct) ?? throw new NotFoundException("Staff member", id);
        return TypedResults.Ok(StaffView.Of(account));
    }
}
