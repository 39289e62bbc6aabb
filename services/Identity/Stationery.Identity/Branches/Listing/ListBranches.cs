using Stationery.Hosting.Security;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;

namespace Stationery.Identity.Branches.Listing;

/// <summary>The chain's branches, read from the chain's inline snapshot.</summary>
public static class ListBranches
{
    public static RouteGroupBuilder MapListBranches(this RouteGroupBuilder api)
    {
        api.MapGet("/branches", Handle).RequirePermission("directory.read").WithName("ListBranches");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<Branch>>> Handle(IQuerySession session, CancellationToken ct)
    {
        var chain = await session.LoadAsync<Chain>(Chain.StreamId, ct);
        return TypedResults.Ok(chain?.Branches ?? []);
    }
}
