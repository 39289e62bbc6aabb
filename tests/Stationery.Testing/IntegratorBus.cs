using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using Stationery.Contracts;

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

    public static async Task<IntegratorBus> StartAsync(IsolatedServers servers, string queue, Action<Hearing> hear)
    {
        var integrator = new IntegratorBus();
        integrator.bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(servers.RabbitMq));
            cfg.MessageTopology.SetEntityNameFormatter(new WireNames(cfg.MessageTopology.EntityNameFormatter));
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

    /// <summary>Exchange names from [WireName], as every service's bus names them.</summary>
    private sealed class WireNames(IEntityNameFormatter fallback) : IEntityNameFormatter
    {
        public string FormatEntityName<T>() => typeof(T).GetCustomAttribute<WireNameAttribute>()?.Name ?? fallback.FormatEntityName<T>();
    }
}
