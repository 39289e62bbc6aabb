using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// Declares the whole platform's consume topology (<see cref="PlatformTopology.Current"/>) on the broker in
/// <see cref="IHostedLifecycleService.StartingAsync"/>, which the host runs before any hosted service starts: before
/// MassTransit's bus, before Marten's daemon runs the outbox forwarder. An event published before its consumer's service
/// ever started then waits in that consumer's queue; start order no longer matters.
/// <para>
/// Raw RabbitMQ.Client, not MassTransit's topology API: MassTransit declares an endpoint's topology only when it starts a
/// receive endpoint, which would also consume from another service's queue. The flags are exactly those MassTransit 8.5
/// declares for a receive endpoint (a mismatch makes the owner's declare fail with PRECONDITION_FAILED; a test declares
/// first and starts the real owner after): message exchange fanout durable → endpoint exchange (named as the queue)
/// fanout durable → durable queue, no arguments, binding keys empty. Declaring is idempotent, so every service repeating
/// it at every start is harmless. A broker that cannot be reached is retried (<see cref="PlatformRetry.TransientIntervals"/>),
/// then the start fails.
/// </para>
/// </summary>
public sealed class TopologyDeclaration(string rabbitUri, ILogger<TopologyDeclaration> log) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var declared = await DeclareAsync(rabbitUri, PlatformTopology.Current, cancellationToken);
                log.LogInformation("Declared the platform's consume topology: {Queues} queues, {Exchanges} message exchanges", declared.Queues, declared.Exchanges);
                return;
            }
            catch (Exception e) when (attempt < PlatformRetry.TransientIntervals.Length && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromMilliseconds(PlatformRetry.TransientIntervals[attempt]);
                log.LogWarning(e, "The broker is not reachable to declare the platform's topology (attempt {Attempt}); trying again in {Wait}", attempt + 1, wait);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    /// <summary>Declares <paramref name="topology"/> on the virtual host of <paramref name="uri"/>; returns what it declared.</summary>
    public static async Task<(int Queues, int Exchanges)> DeclareAsync(string uri, PlatformTopology topology, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri), ClientProvidedName = "stationery-topology" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var exchanges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in topology.Endpoints)
        {
            await channel.ExchangeDeclareAsync(endpoint.Queue, ExchangeType.Fanout, durable: true, autoDelete: false, arguments: null, cancellationToken: ct);
            await channel.QueueDeclareAsync(endpoint.Queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct);
            await channel.QueueBindAsync(endpoint.Queue, endpoint.Queue, routingKey: "", arguments: null, cancellationToken: ct);
            foreach (var message in endpoint.Consumes)
            {
                if (exchanges.Add(message.Exchange))
                    await channel.ExchangeDeclareAsync(message.Exchange, ExchangeType.Fanout, durable: true, autoDelete: false, arguments: null, cancellationToken: ct);
                await channel.ExchangeBindAsync(destination: endpoint.Queue, source: message.Exchange, routingKey: "", arguments: null, cancellationToken: ct);
            }
        }
        return (topology.Endpoints.Count, exchanges.Count);
    }

    private static bool IsTransient(Exception e) =>
        e is BrokerUnreachableException or ConnectFailureException or AlreadyClosedException or IOException or TimeoutException
            or System.Net.Sockets.SocketException
        // A PRECONDITION_FAILED (406) is a real mismatch, never retried; a connection forced closed (320) or a timeout is.
        || e is OperationInterruptedException { ShutdownReason.ReplyCode: not 406 };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
