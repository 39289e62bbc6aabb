using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// Parked messages made visible: the <c>messaging</c> check of <c>/health/ready</c> counts, on the broker, the messages in
/// the <c>_error</c> queue of every receive endpoint this service configured (so a message parked before a restart still
/// counts), and answers <see cref="HealthStatus.Degraded"/> while any is there: the service still works (readiness stays
/// 200) but someone must look, and replay them with <c>./stationery requeue &lt;queue&gt;</c>. Its data also carries
/// <see cref="InboxFigures.DuplicatesSuppressed"/>.
/// </summary>
public sealed class ParkedMessages(string rabbitUri, ILogger<ParkedMessages> log) : IHealthCheck, IEndpointConfigurationObserver
{
    private readonly List<string> queues = [];

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

    /// <summary>Messages in each <c>_error</c> queue of this service that holds any.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken ct)
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

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["duplicatesSuppressed"] = InboxFigures.DuplicatesSuppressed };
        IReadOnlyDictionary<string, long> parked;
        try
        {
            parked = await CountAsync(cancellationToken);
        }
        catch (Exception e) when (e is BrokerUnreachableException or IOException or OperationInterruptedException or TimeoutException)
        {
            log.LogWarning(e, "Could not count parked messages");
            return HealthCheckResult.Degraded("parked messages could not be counted: the broker is unreachable", e, data);
        }
        data["parked"] = parked.Values.Sum();
        data["parkedByQueue"] = parked;
        return parked.Count == 0
            ? HealthCheckResult.Healthy("nothing parked", data)
            : HealthCheckResult.Degraded($"{parked.Values.Sum()} messages parked in {string.Join(", ", parked.Keys)}: " +
                "replay them with ./stationery requeue <queue> once their cause is fixed", data: data);
    }
}

/// <summary>What the inboxes of this process saw, for <c>/health/ready</c> and the fault suite's figures.</summary>
public static class InboxFigures
{
    private static long duplicatesSuppressed;

    /// <summary>Redeliveries recognised by their (consumer, MessageId) and acknowledged without effect, since the process started.</summary>
    public static long DuplicatesSuppressed => Interlocked.Read(ref duplicatesSuppressed);

    internal static void Suppressed(int count = 1) => Interlocked.Add(ref duplicatesSuppressed, count);
}
