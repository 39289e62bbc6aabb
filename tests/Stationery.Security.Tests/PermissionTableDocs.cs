using Stationery.Hosting.Security;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>
/// The README's permission table, written from the table's rows and the routes the running services' endpoints declare
/// (their OpenAPI documents' <c>x-permission</c>), so no second list of route strings exists to go stale.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class PermissionTableDocs(SecurityPlatform platform)
{
    public const string Start = "<!-- permissions:start -->";
    public const string End = "<!-- permissions:end -->";

    /// <summary>permission name → "METHOD /path" of every operation declaring it, in document order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DeclaredRoutes(OpenApiRoutes routes) =>
        routes.Operations.Where(op => op.PermissionName is not null)
            .GroupBy(op => op.PermissionName!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(op => op.Route)]);

    [Fact]
    public void The_README_shows_the_permission_table_with_the_routes_the_endpoints_declare()
    {
        var table = Permissions.ToMarkdown(DeclaredRoutes(platform.Routes));
        table.ShouldContain("| inventory | `stock.record` |");
        table.ShouldContain("`POST /api/inventory/branches/{branch}/sales`");

        var path = Path.Combine(PlatformProcesses.RepositoryRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        // STATIONERY_UPDATE_README=1 dotnet test tests/Stationery.Security.Tests --filter PermissionTableDocs writes the table into the README.
        if (Environment.GetEnvironmentVariable("STATIONERY_UPDATE_README") == "1" && readme.Contains(Start) && readme.Contains(End))
        {
            var from = readme.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
            readme = readme[..from] + "\n" + table + readme[readme.IndexOf(End, StringComparison.Ordinal)..];
            File.WriteAllText(path, readme);
        }
        readme.ShouldContain(Start);
        readme.ShouldContain(End);
        var shown = readme[(readme.IndexOf(Start, StringComparison.Ordinal) + Start.Length)..readme.IndexOf(End, StringComparison.Ordinal)].Trim('\n');
        shown.ShouldBe(table.Trim('\n'),
            "README.md's permission table is stale: run STATIONERY_UPDATE_README=1 dotnet test tests/Stationery.Security.Tests --filter PermissionTableDocs");
    }

    [Fact]
    public void Every_role_in_the_table_is_a_platform_role_and_every_permission_is_named_once()
    {
        Permissions.Table.SelectMany(p => p.Roles).ShouldAllBe(r => PlatformRoles.All.Contains(r));
        Permissions.Table.Select(p => p.Name).ShouldBeUnique();
    }
}
