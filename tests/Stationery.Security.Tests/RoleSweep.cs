using Stationery.Hosting.Security;
using Xunit.Abstractions;

namespace Stationery.Security.Tests;

/// <summary>
/// The permission table (<see cref="Permissions"/>) against the running platform: every route of every OpenAPI document
/// declares a permission of the table (<c>x-permission</c>); for each demo role, every route whose permission the table
/// refuses the role answers 403 (or 404 where the table says the route hides what exists);
/// every GET it allows is not refused; and no response to a role without the cost right carries a cost field.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class RoleSweep(SecurityPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public void Every_route_in_the_OpenAPI_documents_declares_a_permission_of_the_table()
    {
        var missing = platform.Routes.Operations
            .Where(op => op.PermissionName is null || Permissions.Table.All(p => p.Name != op.PermissionName))
            .Select(op => $"{op} ({op.PermissionName ?? "none"})").ToList();
        missing.ShouldBeEmpty("routes without a permission of Stationery.Hosting/Security/Permissions.cs (add .RequirePermission(\"…\")):\n" +
            string.Join("\n", missing));
        platform.Routes.Operations.Single(op => op.Route == "POST /api/inventory/branches/{branch}/sales").PermissionName.ShouldBe("stock.record");
        platform.Routes.Operations.Single(op => op.Route == "POST /api/identity/login").PermissionName.ShouldBe("session");
    }

    [Fact]
    public async Task Each_role_is_refused_every_route_the_permission_table_does_not_give_it_and_sees_no_cost_field_without_the_cost_right()
    {
        var failures = new List<string>();
        var costsSeenByOwner = new List<string>();
        var refusals = 0;
        foreach (var (role, client, branch) in platform.RoleUsers)
        {
            var values = new ParameterValues(platform.A, branch, branch == "main" ? "east" : "main");
            var seesCosts = role is PlatformRoles.Owner or PlatformRoles.Hq or PlatformRoles.Supplier;
            foreach (var op in platform.Routes.Operations.OrderBy(o => o.Method == "GET" ? 0 : 1))
            {
                if (op.PermissionName is null) { failures.Add($"{op}: declares no permission"); continue; }
                var permission = op.Permission;
                if (permission.Allows(role) && op.Method != "GET") continue;

                var answer = await Sweep.CallAsync(client.Http, client.Token, op, values, role);
                output.WriteLine($"{role,-9} {(permission.Allows(role) ? "may " : "not ")} {answer.Code} {op}");
                if (answer.Code >= 500) failures.Add($"server error: {answer}");
                if (!permission.Allows(role))
                {
                    refusals++;
                    var expected = permission.Denied == 404 ? new[] { 403, 404 } : [403];
                    if (!expected.Contains(answer.Code))
                        failures.Add($"'{permission.Name}' is not for {role}: expected {string.Join(" or ", expected)}, got {answer}");
                }
                else if (answer.Code is 401 or 403 && !(answer.Code == 403 && IsSomeoneElsesOwn(permission, role)))
                    failures.Add($"'{permission.Name}' is for {role} but the route refused it: {answer}");

                var costs = Sweep.CostPropertiesIn(answer.Body, platform.Routes.CostFields);
                if (!seesCosts && costs.Count > 0)
                    failures.Add($"{role} has no cost right but got {string.Join(", ", costs)}: {answer}");
                if (role == PlatformRoles.Owner) costsSeenByOwner.AddRange(costs);
            }
        }
        refusals.ShouldBeGreaterThan(40, "the sweep refused a real number of role/route pairs");
        platform.Routes.CostFields.ShouldContain("unitCost", "the OpenAPI response schemas name the cost fields");
        costsSeenByOwner.ShouldNotBeEmpty("the owner sees cost fields, so their absence for other roles means something");
        failures.ShouldHaveNoFailures("Permission table violations");
    }

    [Fact]
    public async Task A_clerk_of_another_branch_is_refused_every_route_aimed_at_this_branch_and_its_lists_never_show_its_rows()
    {
        var clerk = platform.ClerkEast;
        var values = new ParameterValues(platform.A, "main", "east");
        var markers = new[] { platform.A.PurchaseOrderId, platform.A.ChannelId, platform.A.MessageText };
        var failures = new List<string>();
        foreach (var op in platform.Routes.Operations.OrderBy(o => o.Method == "GET" ? 0 : 1))
        {
            if (op.HasPathParameters && op.Permission is { Reach: not Reach.Chain })
            {
                var answer = await Sweep.CallAsync(clerk.Http, clerk.Token, op, values, "clerk-east");
                if (answer.Code is not (403 or 404)) failures.Add($"expected 403 or 404: {answer}");
            }
            else if (!op.HasPathParameters && op.Method == "GET")
            {
                var answer = await Sweep.CallAsync(clerk.Http, clerk.Token, op, values, "clerk-east");
                var leaked = markers.Where(m => answer.Body.Contains(m, StringComparison.Ordinal)).ToList();
                if (leaked.Count > 0) failures.Add($"branch main's {string.Join(", ", leaked)} in: {answer}");
                var costs = Sweep.CostPropertiesIn(answer.Body, platform.Routes.CostFields);
                if (costs.Count > 0) failures.Add($"clerk-east has no cost right but got {string.Join(", ", costs)}: {answer}");
            }
        }
        failures.ShouldHaveNoFailures("Branch scope violations");
    }

    /// <summary>
    /// The sweep's chat message is the owner's: a <c>messages.own</c> route (who has read it) refuses everyone else with 403
    /// by the table's own rule, so that 403 is the right answer for the other roles, not a refusal of the permission.
    /// </summary>
    private static bool IsSomeoneElsesOwn(Permission permission, string role) =>
        permission.Name == "messages.own" && role != PlatformRoles.Owner;
}
