using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>
/// The web app's API types are generated at its build (<c>npm run build</c> runs <c>openapi-typescript</c>) from the services'
/// own OpenAPI documents, kept in <c>gateway/web/openapi/</c>. This test holds those files to what the running services
/// serve: a service whose request or response shape changed fails here until the documents are written again, and the
/// written documents then break the web build wherever the app relies on the old shape.
/// <c>STATIONERY_UPDATE_OPENAPI=1 dotnet test tests/Stationery.Security.Tests --filter OpenApiDocumentsForTheWebApp</c>
/// writes them.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class OpenApiDocumentsForTheWebApp(SecurityPlatform platform)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task The_web_app_s_copies_of_the_services_OpenAPI_documents_are_what_the_services_serve()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        var folder = Path.Combine(PlatformProcesses.RepositoryRoot(), "gateway", "web", "openapi");
        var update = Environment.GetEnvironmentVariable("STATIONERY_UPDATE_OPENAPI") == "1";
        var stale = new List<string>();
        foreach (var service in OpenApiRoutes.Services)
        {
            var served = Canonical(await http.GetStringAsync($"openapi/{service}.json"));
            var file = Path.Combine(folder, $"{service}.json");
            if (update)
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(file, served);
            }
            else if (!File.Exists(file) || (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") != served)
                stale.Add(service);
        }
        stale.ShouldBeEmpty("gateway/web/openapi is stale for these services: run " +
            "STATIONERY_UPDATE_OPENAPI=1 dotnet test tests/Stationery.Security.Tests --filter OpenApiDocumentsForTheWebApp, then npm run build in gateway/web");
    }

    /// <summary>The document without what differs between runs (the server address), indented, one trailing newline.</summary>
    private static string Canonical(string json)
    {
        var doc = JsonNode.Parse(json)!.AsObject();
        doc.Remove("servers");
        return doc.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }
}
