using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Stationery.Hosting.Messaging;

/// <summary>What one replay did: events read from the store, turned into a contract by the map, sent, and skipped
/// (a contract the queue does not consume, or an event the map cannot translate).</summary>
public sealed record ReplayCounts(long Read, long Mapped, long Sent, long Skipped)
{
    public override string ToString() => $"read {Read}, mapped {Mapped}, sent {Sent}, skipped {Skipped}";
}

/// <summary>
/// <c>./stationery replay &lt;service&gt; --to &lt;queue&gt;</c>: re-sends, from this service's own event store, every event its
/// outbox map (<see cref="IIntegrationEventMap"/>) turns into a contract that <c>&lt;queue&gt;</c> consumes (per
/// <see cref="PlatformTopology"/>), straight to that queue, tenant by tenant, in sequence order, with <c>MessageId</c> = the
/// event id, as the outbox published it: the consumer's inbox drops what it already applied, so a replay is safe to repeat.
/// For a consumer added after the events (its queue did not exist when they were published) or one whose queue was lost.
/// It sends from a bus of its own with no receive endpoint, so it never consumes from the running service's queues.
/// </summary>
public static class EventReplay
{
    private const int Page = 500;

    public static async Task<ReplayCounts> RunAsync(IDocumentStore store, IIntegrationEventMap map, string rabbitUri, string queue,
        ILogger log, CancellationToken ct = default, PlatformTopology? topology = null)
    {
        var endpoint = (topology ?? PlatformTopology.Current).Endpoint(queue)
                       ?? throw new ArgumentException($"{queue} is not a consumer queue of the platform (see platform-topology.json)", nameof(queue));
        var consumed = endpoint.Consumes.Select(m => m.Type).ToHashSet(StringComparer.Ordinal);

        var bus = PlatformBus.SendingBus(rabbitUri);
        await bus.StartAsync(ct);
        try
        {
            var target = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            long read = 0, mapped = 0, sent = 0, skipped = 0;
            foreach (var tenant in await TenantsAsync(store, ct))
            {
                await using var session = store.QuerySession(tenant);
                var after = 0L;
                while (true)
                {
                    var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after)
                        .OrderBy(e => e.Sequence).Take(Page).ToListAsync(ct);
                    if (events.Count == 0) break;
                    after = events[^1].Sequence;
                    foreach (var e in events.Where(e => e.TenantId == tenant))
                    {
                        read++;
                        object? message;
                        try
                        {
                            message = map.Map(e);
                        }
                        catch (Exception poison)
                        {
                            log.LogWarning(poison, "Event {EventId} (sequence {Sequence}) cannot be translated to a contract; skipped", e.Id, e.Sequence);
                            skipped++;
                            continue;
                        }
                        if (message is null) continue;
                        mapped++;
                        if (!consumed.Contains(message.GetType().FullName!))
                        {
                            skipped++;
                            continue;
                        }
                        await target.Send(message, message.GetType(), ctx =>
                        {
                            ctx.MessageId = e.Id;
                            ctx.Headers.Set("stationery-event-sequence", e.Sequence);
                        }, ct);
                        sent++;
                    }
                }
                log.LogInformation("Replayed tenant {Tenant} to {Queue}", tenant, queue);
            }
            return new ReplayCounts(read, mapped, sent, skipped);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Every tenant with events in this service's store.</summary>
    private static async Task<IReadOnlyList<string>> TenantsAsync(IDocumentStore store, CancellationToken ct)
    {
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select distinct tenant_id from {table} order by tenant_id", connection);
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetString(0));
        return tenants;
    }
}
