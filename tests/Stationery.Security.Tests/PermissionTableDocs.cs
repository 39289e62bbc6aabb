using Stationery.Hosting.Security;
using Stationery.Testing;

namespace Stationery.Security.Tests;

public sealed class PermissionTableDocs
{
    public const string Start = "<!-- permissions:start -->";
    public const string End = "<!-- permissions:end -->";

    [Fact]
    public void The_README_shows_the_permission_table_exactly_as_the_code_has_it()
    {
        var path = Path.Combine(PlatformProcesses.RepositoryRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        // STATIONERY_UPDATE_README=1 dotnet test --filter PermissionTableDocs writes the table into the README.
        if (Environment.GetEnvironmentVariable("STATIONERY_UPDATE_README") == "1" && readme.Contains(Start) && readme.Contains(End))
        {
            var from = readme.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
            readme = readme[..from] + "\n" + Permissions.ToMarkdown() + readme[readme.IndexOf(End, StringComparison.Ordinal)..];
            File.WriteAllText(path, readme);
        }
        readme.ShouldContain(Start);
        readme.ShouldContain(End);
        var shown = readme[(readme.IndexOf(Start, StringComparison.Ordinal) + Start.Length)..readme.IndexOf(End, StringComparison.Ordinal)].Trim('\n');
        shown.ShouldBe(Permissions.ToMarkdown().Trim('\n'),
            "README.md's permission table is stale: paste Permissions.ToMarkdown() between the markers");
    }

    [Fact]
    public void Every_role_in_the_table_is_a_platform_role_and_every_route_appears_once()
    {
        Permissions.Table.SelectMany(p => p.Roles).ShouldAllBe(r => PlatformRoles.All.Contains(r));
        var routes = Permissions.Table.SelectMany(p => p.Routes).ToList();
        routes.ShouldBeUnique();
    }
}
