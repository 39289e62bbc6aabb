using System.Collections.Concurrent;
using MassTransit;
using Stationery.Hosting.Messaging;

namespace Stationery.Testing;

/// <summary>
/// A MassTransit bus of its own on a test's isolated virtual host, standing in for the other services and for integrators:
/// it publishes contracts to the exchanges their owners would (MessageId chosen, as the outbox forwarder chooses it) and
/// records the contracts it is told to hear, from a queue bound before the service under test publishes anything.
/// </summary>
public sealed class IntegratorBus : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> received = new();
    private IBusControl bus = null!;

    /// <summary>A bus that only publishes (and observes on demand with <see cref="ObserveAsync{T}"/>).</summary>
    public static Task<IntegratorBus> StartAsync(IsolatedServers servers) => StartAsync(servers, null, null);

    public static async Task<IntegratorBus> StartAsync(IsolatedServers servers, string? queue, Action<Hearing>? hear)
    {
        var integrator = new IntegratorBus();
        integrator.bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(servers.RabbitMq));
            cfg.MessageTopology.SetEntityNameFormatter(new WireNameFormatter(cfg.MessageTopology.EntityNameFormatter));
            if (queue is not null && hear is not null)
                cfg.ReceiveEndpoint(queue, e => hear(new Hearing(e, integrator)));
        });
        await integrator.bus.StartAsync();
        return integrator;
    }

    /// <summary>Publishes a contract the way its owning service's outbox forwarder would (MessageId = its event id).</summary>
    public Task Publish<T>(T message, Guid? messageId = null) where T : class =>
        bus.Publish(message, ctx => ctx.MessageId = messageId ?? NewId.NextGuid());

    /// <summary>Every heard message of type <typeparamref name="T"/>, in arrival order.</summary>
    public IReadOnlyList<T> Received<T>() => received.Select(r => r.Message).OfType<T>().ToList();

    public IReadOnlyList<(Guid? MessageId, T Message)> ReceivedWithIds<T>() =>
        received.Where(r => r.Message is T).Select(r => (r.MessageId, (T)r.Message)).ToList();

    /// <summary>Starts collecting every <typeparamref name="T"/> published from now on (a queue of its own, as a consumer would).</summary>
    public async Task<ConcurrentQueue<ConsumeContext<T>>> ObserveAsync<T>() where T : class
    {
        var seen = new ConcurrentQueue<ConsumeContext<T>>();
        var handle = bus.ConnectReceiveEndpoint($"integrator-{typeof(T).Name}-{NewId.NextGuid():N}", e =>
            e.Handler<T>(context =>
            {
                seen.Enqueue(context);
                return Task.CompletedTask;
            }));
        await handle.Ready;
        return seen;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    public sealed class Hearing
    {
        private readonly IReceiveEndpointConfigurator endpoint;
        private readonly IntegratorBus owner;

        internal Hearing(IReceiveEndpointConfigurator endpoint, IntegratorBus owner) => (this.endpoint, this.owner) = (endpoint, owner);

        public Hearing Of<T>() where T : class
        {
            endpoint.Handler<T>(ctx =>
            {
                owner.received.Enqueue((ctx.MessageId, ctx.Message));
                return Task.CompletedTask;
            });
            return this;
        }
    }
}
