using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stationery.Hosting;

public static class PlatformRunner
{
    /// <summary>
    /// Runs the service, or with the argument <c>rebuild</c> rebuilds every async projection of the service from its
    /// event store and exits (<c>./stationery rebuild inventory</c>). Inline projections are rebuilt the same way.
    /// </summary>
    public static async Task RunPlatformAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains("rebuild"))
        {
            await app.RunAsync();
            return;
        }
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Rebuild");
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in store.Options.Events.Projections())
        {
            if (projection.Name is null) continue;
            log.LogInformation("Rebuilding projection {Projection}", projection.Name);
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(10), CancellationToken.None);
        }
        log.LogInformation("Rebuild finished");
    }
}
