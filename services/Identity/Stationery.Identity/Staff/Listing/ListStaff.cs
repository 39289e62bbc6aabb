using Stationery.Hosting.Security;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Errors;

namespace Stationery.Identity.Staff.Listing;

/// <summary>The chain's accounts (staff and supplier guests), ordered by username, paged with <c>after</c>.</summary>
public static class ListStaff
{
    public static RouteGroupBuilder MapListStaff(this RouteGroupBuilder api)
    {
        api.MapGet("/staff", Handle).RequirePermission("directory.read").WithName("ListStaff");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<StaffView>>> Handle(IQuerySession session,
        int? limit, string? after, CancellationToken ct)
    {
        new Validation().Require(limit is null or (> 0 and <= 200), "limit", "must be between 1 and 200").ThrowIfInvalid();
        var query = session.Query<UserAccount>().Where(a => after == null || string.Compare(a.Username, after) > 0);
        var page = await query.OrderBy(a => a.Username).Take(limit ?? 200).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<StaffView>>(page.Select(StaffView.Of).ToList());
    }
}
