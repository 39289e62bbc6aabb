using System.Reflection;
using MassTransit;
using Stationery.Contracts;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// A bus of its own that plays the other services: it publishes their contracts to the exchanges named by [WireName],
/// exactly where their outbox forwarders publish them.
/// </summary>
public sealed class ContractBus : IAsyncDisposable
{
    private readonly IBusControl bus;

    private ContractBus(IBusControl bus) => this.bus = bus;

    public static async Task<ContractBus> StartAsync(IsolatedServers servers)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(servers.RabbitMq));
            cfg.MessageTopology.SetEntityNameFormatter(new WireNames(cfg.MessageTopology.EntityNameFormatter));
        });
        await bus.StartAsync();
        return new ContractBus(bus);
    }

    /// <summary>Publishes with MessageId = <paramref name="messageId"/> (a redelivery repeats it), or a new one.</summary>
    public Task Publish<T>(T message, Guid? messageId = null) where T : class =>
        bus.Publish(message, ctx => ctx.MessageId = messageId ?? NewId.NextGuid());

    /// <summary>Starts collecting every <typeparamref name="T"/> published from now on (a queue of its own, as a consumer would).</summary>
    public async Task<System.Collections.Concurrent.ConcurrentQueue<ConsumeContext<T>>> ObserveAsync<T>() where T : class
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<ConsumeContext<T>>();
        var handle = bus.ConnectReceiveEndpoint($"chat-tests-{typeof(T).Name}-{NewId.NextGuid():N}", e =>
            e.Handler<T>(context =>
            {
                seen.Enqueue(context);
                return Task.CompletedTask;
            }));
        await handle.Ready;
        return seen;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    private sealed class WireNames(IEntityNameFormatter fallback) : IEntityNameFormatter
    {
        public string FormatEntityName<T>() => typeof(T).GetCustomAttribute<WireNameAttribute>()?.Name ?? fallback.FormatEntityName<T>();
    }
}
