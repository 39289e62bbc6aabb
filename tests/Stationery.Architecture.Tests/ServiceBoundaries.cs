using System.Xml.Linq;
using Shouldly;

namespace Stationery.Architecture.Tests;

/// <summary>Services talk only through events in contracts/: no service project may reference another.</summary>
public sealed class ServiceBoundaries
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string[] Services = ["Identity", "Inventory", "Purchasing", "Chat", "Reporting"];

    public static TheoryData<string> ServiceNames() => new(Services);

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_references_only_the_hosting_library_and_the_contracts(string service)
    {
        var projects = Directory.GetFiles(Path.Combine(Root, "services", service), "*.csproj", SearchOption.AllDirectories);
        projects.ShouldNotBeEmpty($"services/{service} should hold a project");
        foreach (var project in projects)
        {
            foreach (var reference in ProjectReferences(project))
            {
                var relative = Path.GetRelativePath(Root, reference).Replace('\\', '/');
                var allowed = relative.StartsWith("services/Stationery.Hosting/", StringComparison.Ordinal)
                              || relative.StartsWith("contracts/", StringComparison.Ordinal)
                              || relative.StartsWith($"services/{service}/", StringComparison.Ordinal);
                allowed.ShouldBeTrue($"{Path.GetFileName(project)} references {relative}: services talk only through contracts/ events");
            }
        }
    }

    [Fact]
    public void The_hosting_library_references_no_service()
    {
        var project = Path.Combine(Root, "services", "Stationery.Hosting", "Stationery.Hosting.csproj");
        ProjectReferences(project).Select(r => Path.GetRelativePath(Root, r).Replace('\\', '/'))
            .ShouldAllBe(r => r.StartsWith("contracts/"));
    }

    [Fact]
    public void The_contracts_project_depends_on_nothing()
    {
        var project = Directory.GetFiles(Path.Combine(Root, "contracts"), "*.csproj", SearchOption.AllDirectories).ShouldHaveSingleItem();
        var xml = XDocument.Load(project);
        xml.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => e.Attribute("Include")?.Value).ShouldBeEmpty();

        typeof(Stationery.Contracts.IIntegrationEvent).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .ShouldBeEmpty();
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StationeryPlatform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find StationeryPlatform.sln above the test binaries.");
    }

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, e.Attribute("Include")!.Value.Replace('\\', '/'))));
}
