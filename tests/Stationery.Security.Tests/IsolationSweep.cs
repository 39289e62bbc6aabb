using System.Net;
using Xunit.Abstractions;

namespace Stationery.Security.Tests;

/// <summary>
/// Chain B's owner aims every route of every service (from the OpenAPI documents) at chain A's ids. Routes that name a
/// thing answer 404 or 403 (400 for a body B's chain cannot accept), never 2xx; list routes never show A's rows.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class IsolationSweep(SecurityPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Another_chains_owner_gets_404_or_403_for_every_route_aimed_at_our_ids_and_never_sees_our_rows()
    {
        var routes = platform.Routes.Operations;
        routes.Count.ShouldBeGreaterThan(30, "the OpenAPI documents list the platform's routes");
        var values = new ParameterValues(platform.A, "main", "east");
        var failures = new List<string>();
        var swept = 0;

        // GETs first: the non-GET routes of B's own chain below must not change what the lists show.
        foreach (var op in routes.OrderBy(o => o.Method == "GET" ? 0 : 1))
        {
            // A route without ids acts in B's own chain: it gets an empty body, so it creates nothing named like A's rows.
            var answer = await Sweep.CallAsync(platform.OwnerB.Http, platform.OwnerB.Token, op, values, "owner of chain B",
                emptyBody: !op.TargetsIds && op.Method != "GET");
            swept++;
            output.WriteLine($"{answer.Code} {op} {(answer.Body.Length > 160 ? answer.Body[..160] : answer.Body)}");
            if (answer.Code >= 500) failures.Add($"server error: {answer}");
            if (op.TargetsIds)
            {
                var allowed = op.BodySchema is null ? new[] { 403, 404 } : [400, 403, 404];
                if (!allowed.Contains(answer.Code)) failures.Add($"expected {string.Join("/", allowed)}: {answer}");
            }
            else if (op.Method == "GET" && answer.Code is >= 200 and < 300)
            {
                var leaked = platform.A.Markers.Where(m => m != platform.A.Category && answer.Body.Contains(m, StringComparison.Ordinal)).ToList();
                if (leaked.Count > 0) failures.Add($"chain A's {string.Join(", ", leaked)} in: {answer}");
            }
            else if (answer.Code is >= 200 and < 300)
            {
                // A route of B's own chain (sign-up, refresh, a category name any chain may use): it may answer, but never with
                // A's rows (a label it was asked about may be echoed).
                var leaked = platform.A.Markers.Where(m => m != platform.A.Category && answer.Body.Contains(m, StringComparison.Ordinal)).ToList();
                if (leaked.Count > 0) failures.Add($"chain A's {string.Join(", ", leaked)} in: {answer}");
            }
        }
        swept.ShouldBe(routes.Count);
        failures.ShouldHaveNoFailures("Tenant isolation failures");
    }

    [Fact]
    public async Task Another_chains_lists_show_its_own_rows_so_the_sweep_is_not_reading_empty_answers()
    {
        var products = await platform.OwnerB.GetJsonAsync("api/inventory/products");
        products.ToString().ShouldContain(platform.SkuB);
        products.ToString().ShouldNotContain(platform.A.Sku);
        var stock = await platform.OwnerB.Http.GetAsync("api/inventory/branches/main/stock");
        stock.StatusCode.ShouldBe(HttpStatusCode.NotFound, "chain B has no branch main: another chain's branch looks like a missing one");
    }
}
