using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Chains.SigningUp;

/// <summary>A new chain signs up with its first account, the owner. Anonymous (the gateway rate-limits it).</summary>
public static class SignUpChain
{
    public sealed record Request(string? Chain, string? Name, string? OwnerUsername, string? OwnerPassword, string? OwnerDisplayName);

    public sealed record Command(string Chain, string Name, Enroll Owner);

    public sealed record Response(string Chain, string Name, StaffView Owner);

    public static IReadOnlyList<object> Decide(Chain? chain, Command command) =>
        chain is not null
            ? throw new DomainException("chain-exists", $"连锁代码 '{command.Chain}' 已被使用，请换一个。 / The chain code '{command.Chain}' is already taken. Choose another one.")
            : [new ChainSignedUp(command.Chain, command.Name, command.Owner.UserId),
                new UsernameReserved(command.Owner.Username, command.Owner.UserId)];

    /// <summary>
    /// The one path for a new chain (API and demo seed). The owner starts with the role owner and no branches; each branch
    /// the owner opens is added to the owner's branches.
    /// </summary>
    public static async Task ExecuteAsync(IDocumentStore store, Command command, CancellationToken ct)
    {
        await using var session = store.LightweightSession(command.Chain);
        await session.Decide<Chain>(Chain.StreamId, chain => Decide(chain, command), ct);
        await session.Decide<UserAccount>(command.Owner.UserId, account => Enrollment.Decide(account, command.Owner), ct);
        await session.SaveChangesAsync(ct);
    }

    public static Command ToCommand(string chain, string name, string username, string password, string? displayName) =>
        new(chain, name.Trim(), new Enroll(Enrollment.NewUserId(), Credentials.NormalizeUsername(username),
            string.IsNullOrWhiteSpace(displayName) ? username.Trim() : displayName.Trim(),
            Credentials.Hash(password), [PlatformRoles.Owner], [], null));

    public static RouteGroupBuilder MapSignUpChain(this RouteGroupBuilder api)
    {
        api.MapPost("/chains", Handle).RequirePermission("session").WithName("SignUpChain");
        return api;
    }

    private static async Task<Created<Response>> Handle(Request request, IDocumentStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(Codes.IsValid(request.Chain), "chain", Codes.Rule);
        v.NotEmpty(request.Name, "name", 100);
        v.Username(request.OwnerUsername, "ownerUsername");
        v.Password(request.OwnerPassword, "ownerPassword");
        if (request.OwnerDisplayName is { Length: > 100 }) v.Add("ownerDisplayName", "must be at most 100 characters");
        v.ThrowIfInvalid();

        var command = ToCommand(request.Chain!, request.Name!, request.OwnerUsername!, request.OwnerPassword!, request.OwnerDisplayName);
        await ExecuteAsync(store, command, ct);
        var owner = command.Owner;
        return TypedResults.Created("/api/identity/me",
            new Response(command.Chain, command.Name,
                new StaffView(owner.UserId, owner.Username, owner.DisplayName, owner.Roles, owner.Branches, null, false)));
    }
}
