using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stationery.Hosting.Messaging;

namespace Stationery.Hosting;

public static class PlatformRunner
{
    /// <summary>
    /// Runs the service, or with the argument <c>rebuild</c> rebuilds every async projection of the service from its
    /// event store and exits (<c>./stationery rebuild inventory</c>). Inline projections are rebuilt the same way.
    /// With <c>replay --to &lt;queue&gt;</c> it re-sends its events that queue consumes (<see cref="EventReplay"/>) and exits.
    /// Both run beside the running service, serve no request and start no hosted service (no bus, no outbox).
    /// </summary>
    public static async Task RunPlatformAsync(this WebApplication app, string[] args)
    {
        if (args.Contains("replay"))
        {
            Environment.ExitCode = await ReplayAsync(app, args);
            return;
        }
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

    private static async Task<int> ReplayAsync(WebApplication app, string[] args)
    {
        var to = Array.IndexOf(args, "--to");
        if (to < 0 || to + 1 >= args.Length)
        {
            await Console.Error.WriteLineAsync("usage: replay --to <queue>");
            return 2;
        }
        var queue = args[to + 1];
        if (PlatformTopology.Current.Endpoint(queue) is null)
        {
            await Console.Error.WriteLineAsync($"{queue} is not a consumer queue of the platform; the queues are listed in services/Stationery.Hosting/Messaging/platform-topology.json");
            return 2;
        }
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Replay");
        var counts = await EventReplay.RunAsync(app.Services.GetRequiredService<IDocumentStore>(),
            app.Services.GetRequiredService<IIntegrationEventMap>(),
            app.Configuration.GetConnectionString("RabbitMq") ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set."),
            queue, log);
        Console.WriteLine($"replay to {queue}: {counts}");
        return 0;
    }
}
