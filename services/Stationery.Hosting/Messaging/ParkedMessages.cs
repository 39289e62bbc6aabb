using System.Diagnostics.Metrics;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// Parked messages made visible: the <c>messaging</c> check of <c>/health/ready</c> counts, on the broker, the messages in
/// the <c>_error</c> queue of every receive endpoint this service configured (so a message parked before a restart still
/// counts), and the outbox's dead-lettered events (poison events the map could not translate, Marten's
/// <c>mt_doc_deadletterevent</c> in the service's event schema), and answers <see cref="HealthStatus.Degraded"/> while any is
/// there: the service still works (readiness stays 200) but someone must look, and replay parked messages with
/// <c>./stationery requeue &lt;queue&gt;</c>. Its data also carries <see cref="InboxFigures.DuplicatesSuppressed"/>.
/// The figures are counted at most once per <see cref="FreshFor"/> (a count opens a broker connection) and are also the
/// observable gauges <c>stationery.messages.parked</c> and <c>stationery.outbox.dead_lettered</c> on the
/// <see cref="MeterName"/> meter.
/// </summary>
public sealed class ParkedMessages : IHealthCheck, IEndpointConfigurationObserver, IDisposable
{
    public const string MeterName = "Stationery.Messaging";
    public const string ParkedGauge = "stationery.messages.parked";
    public const string DeadLetteredGauge = "stationery.outbox.dead_lettered";

    /// <summary>How long one count answers the health check and the gauges before the broker and the database are asked again.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private readonly List<string> queues = [];
    private readonly string rabbitUri;
    private readonly IServiceProvider services;
    private readonly TimeProvider clock;
    private readonly ILogger<ParkedMessages> log;
    private readonly Meter meter;
    private readonly SemaphoreSlim counting = new(1, 1);
    private volatile MessagingFigures? last;

    public ParkedMessages(string rabbitUri, IServiceProvider services, TimeProvider clock, IMeterFactory meters, ILogger<ParkedMessages> log)
    {
        this.rabbitUri = rabbitUri;
        this.services = services;
        this.clock = clock;
        this.log = log;
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge(ParkedGauge, () => Observe(f => f.Parked), "{message}",
            "Messages parked in this service's _error queues (replay with ./stationery requeue <queue>)");
        meter.CreateObservableGauge(DeadLetteredGauge, () => Observe(f => f.DeadLettered), "{event}",
            "Events of this service's event store dead-lettered instead of published (the outbox could not translate them)");
    }

    /// <summary>The receive endpoints' queue names, as MassTransit configured them.</summary>
    public IReadOnlyList<string> Queues
    {
        get { lock (queues) return [.. queues]; }
    }

    public void EndpointConfigured<T>(T configurator) where T : IReceiveEndpointConfigurator
    {
        var name = configurator.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (string.IsNullOrEmpty(name)) return;
        lock (queues)
            if (!queues.Contains(name)) queues.Add(name);
    }

    /// <summary>The figures, counted again only when the last count is older than <see cref="FreshFor"/>.</summary>
    public async Task<MessagingFigures> FiguresAsync(CancellationToken ct)
    {
        if (Fresh(last) is { } cached) return cached;
        await counting.WaitAsync(ct);
        try
        {
            // Whoever waited for the gate gets the count the caller before it just made.
            if (Fresh(last) is { } counted) return counted;
            var figures = new MessagingFigures(await CountParkedAsync(ct), await CountDeadLetteredAsync(ct), clock.GetUtcNow());
            last = figures;
            return figures;
        }
        finally
        {
            counting.Release();
        }
    }

    /// <summary>Messages in each <c>_error</c> queue of this service that holds any, counted now.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountParkedAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        var factory = new ConnectionFactory { Uri = new Uri(rabbitUri), ClientProvidedName = "stationery-parked-messages" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        foreach (var queue in Queues.Select(q => q + "_error"))
        {
            // A passive declare of a queue that does not exist (nothing ever parked there) closes the channel: one per queue.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
                if (ok.MessageCount > 0) counts[queue] = ok.MessageCount;
            }
            catch (OperationInterruptedException)
            {
                // No such queue: nothing parked.
            }
        }
        return counts;
    }

    /// <summary>
    /// Dead-lettered events in this service's event store, every chain (the table is single-tenanted in the event schema),
    /// counted now; none while the daemon never created the table.
    /// </summary>
    public async Task<long> CountDeadLetteredAsync(CancellationToken ct)
    {
        if (services.GetService<IDocumentStore>() is not { } store) return 0;
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_doc_deadletterevent";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("select to_regclass(@table) is not null", connection))
        {
            exists.Parameters.AddWithValue("table", table);
            if (await exists.ExecuteScalarAsync(ct) is not true) return 0;
        }
        await using var count = new NpgsqlCommand($"select count(*) from {table}", connection);
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct));
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["duplicatesSuppressed"] = InboxFigures.DuplicatesSuppressed };
        MessagingFigures figures;
        try
        {
            figures = await FiguresAsync(cancellationToken);
        }
        catch (Exception e) when (e is BrokerUnreachableException or IOException or OperationInterruptedException or TimeoutException)
        {
            log.LogWarning(e, "Could not count parked messages");
            return HealthCheckResult.Degraded("parked messages could not be counted: the broker is unreachable", e, data);
        }
        catch (NpgsqlException e)
        {
            log.LogWarning(e, "Could not count dead-lettered events");
            return HealthCheckResult.Degraded("dead-lettered events could not be counted: the database is unreachable", e, data);
        }
        data["parked"] = figures.Parked;
        data["parkedByQueue"] = figures.ParkedByQueue;
        data["deadLettered"] = figures.DeadLettered;
        data["countedAt"] = figures.CountedAt;
        List<string> problems = [];
        if (figures.Parked > 0)
            problems.Add($"{figures.Parked} messages parked in {string.Join(", ", figures.ParkedByQueue.Keys)}: " +
                "replay them with ./stationery requeue <queue> once their cause is fixed");
        if (figures.DeadLettered > 0)
            problems.Add($"{figures.DeadLettered} events dead-lettered by the outbox (mt_doc_deadletterevent): they were never published");
        return problems.Count == 0
            ? HealthCheckResult.Healthy("nothing parked", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }

    public void Dispose()
    {
        meter.Dispose();
        counting.Dispose();
    }

    private MessagingFigures? Fresh(MessagingFigures? figures) =>
        figures is not null && clock.GetUtcNow() - figures.CountedAt < FreshFor ? figures : null;

    /// <summary>
    /// A gauge reads the last count (a collection must not wait on the broker) and asks for a new one in the background
    /// when it is stale; before the first count there is no measurement rather than a made-up zero.
    /// </summary>
    private IEnumerable<Measurement<long>> Observe(Func<MessagingFigures, long> figure)
    {
        var figures = last;
        if (Fresh(figures) is null) _ = RefreshAsync();
        return figures is null ? [] : [new Measurement<long>(figure(figures))];
    }

    private async Task RefreshAsync()
    {
        try
        {
            await FiguresAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogDebug(e, "Could not count parked messages for the gauges");
        }
    }
}

/// <summary>What the <c>messaging</c> check counted at <see cref="CountedAt"/>.</summary>
public sealed record MessagingFigures(IReadOnlyDictionary<string, long> ParkedByQueue, long DeadLettered, DateTimeOffset CountedAt)
{
    public long Parked => ParkedByQueue.Values.Sum();
}

/// <summary>What the inboxes of this process saw, for <c>/health/ready</c> and the fault suite's figures.</summary>
public static class InboxFigures
{
    private static long duplicatesSuppressed;

    /// <summary>Redeliveries recognised by their (consumer, MessageId) and acknowledged without effect, since the process started.</summary>
    public static long DuplicatesSuppressed => Interlocked.Read(ref duplicatesSuppressed);

    internal static void Suppressed(int count = 1) => Interlocked.Add(ref duplicatesSuppressed, count);
}
