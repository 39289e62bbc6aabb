using System.Reflection;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Stationery.Contracts;

namespace Stationery.Hosting.Messaging;

public static class PlatformBus
{
    /// <summary>
    /// MassTransit on RabbitMQ: consumers found in the service assembly, queues prefixed with the service name (two services
    /// with a consumer of the same name must not share a queue), exchanges named by <see cref="WireNameAttribute"/>,
    /// in-memory retries (<see cref="PlatformRetry"/>: minutes for a transient failure, a few seconds for poison; no
    /// delayed-exchange plugin here), then the <c>_error</c> queue.
    /// </summary>
    public static IServiceCollection AddPlatformBus(this IServiceCollection services, string serviceName, string rabbitUri, Assembly serviceAssembly)
    {
        services.Configure<MassTransitHostOptions>(o =>
        {
            // Otherwise the host reports "started" before queues and bindings exist, and an early publish vanishes.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        // Before any hosted service starts (the bus, the outbox): every consumer queue of the platform exists (PlatformTopology).
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<TopologyDeclaration>(provider, rabbitUri));
        services.AddSingleton<FaultReporter>();
        // The outbox publishes on a bus of its own, which it can replace when a publish hangs (OutboxPublisher).
        services.AddSingleton(provider => new OutboxPublisher(() => SendingBus(rabbitUri, cfg =>
        {
            foreach (var configure in provider.GetServices<OutboxBusConfiguration>()) configure.Apply(cfg);
        }), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxPublisher>>()));
        services.AddMetrics();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ParkedMessages>(provider, rabbitUri));
        services.AddMassTransit(x =>
        {
            // No calls home: the platform runs on machines without internet access.
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            // The consumers of ConsumerTypes (the list the topology manifest is generated from); their definitions pass the filter.
            var consumers = ConsumerTypes(serviceAssembly).ToHashSet();
            x.AddConsumers(t => !t.IsAbstract && (consumers.Contains(t) || !IsConsumer(t)), serviceAssembly.GetTypes());
            if (consumers.Contains(typeof(Security.DisabledAccountConsumer)))
                x.AddConsumer<Security.DisabledAccountConsumer>();
            // The registered singleton itself (the type-only overload made an instance of its own, so Parked stayed 0).
            x.AddConsumeObserver(provider => provider.GetRequiredService<FaultReporter>());
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(rabbitUri));
                cfg.ConnectEndpointConfigurationObserver(context.GetRequiredService<ParkedMessages>());
                cfg.MessageTopology.SetEntityNameFormatter(new WireNameFormatter(cfg.MessageTopology.EntityNameFormatter));
                cfg.PrefetchCount = 64;
                // Outer: a transient failure (database or broker down) is retried for minutes, never parked for it.
                // Inner: any other failure is retried briefly, then parked in _error (PlatformRetry).
                cfg.UseMessageRetry(r =>
                {
                    r.Intervals(PlatformRetry.TransientIntervals);
                    r.Handle<Exception>(PlatformRetry.IsTransient);
                });
                cfg.UseMessageRetry(r =>
                {
                    r.Intervals(PlatformRetry.Intervals);
                    r.Ignore<Exception>(PlatformRetry.IsTransient);
                });
                cfg.ConfigureEndpoints(context);
                foreach (var configure in context.GetServices<Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>>())
                    configure(context, cfg);
            });
        });
        return services;
    }

    /// <summary>
    /// The consumers that get a durable endpoint of their own: every consumer of the service assembly except the per-replica
    /// ones (<see cref="InstanceConsumerAttribute"/>), and — every service refuses a disabled account's token
    /// (Security.DisabledAccounts), from its own consumer if it has one — <see cref="Security.DisabledAccountConsumer"/>.
    /// <see cref="PlatformTopology"/> is generated from the same list.
    /// </summary>
    /// <summary>
    /// A bus that only sends and publishes (no receive endpoints), with the platform's wire names: the outbox's own bus and
    /// <see cref="EventReplay"/>'s.
    /// </summary>
    public static IBusControl SendingBus(string rabbitUri, Action<IRabbitMqBusFactoryConfigurator>? configure = null) =>
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(rabbitUri));
            cfg.MessageTopology.SetEntityNameFormatter(new WireNameFormatter(cfg.MessageTopology.EntityNameFormatter));
            configure?.Invoke(cfg);
        });

    public static IEnumerable<Type> ConsumerTypes(Assembly serviceAssembly)
    {
        var consumers = serviceAssembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetCustomAttribute<InstanceConsumerAttribute>() is null && IsConsumer(t))
            .ToList();
        if (!consumers.Any(t => typeof(IConsumer<Contracts.Identity.StaffMemberDisabled>).IsAssignableFrom(t)))
            consumers.Add(typeof(Security.DisabledAccountConsumer));
        return consumers;
    }

    private static bool IsConsumer(Type t) =>
        t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>));

    /// <summary>Lets a service (or a test: a publish filter) shape the outbox's own bus (<see cref="OutboxPublisher"/>).</summary>
    public static IServiceCollection ConfigureOutboxBus(this IServiceCollection services, Action<IRabbitMqBusFactoryConfigurator> configure) =>
        services.AddSingleton(new OutboxBusConfiguration(configure));

    /// <summary>Lets a service add endpoints of its own (e.g. a per-replica fan-out queue) to the shared bus setup.</summary>
    public static IServiceCollection ConfigureBus(this IServiceCollection services, Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator> configure) =>
        services.AddSingleton(configure);
}

/// <summary>One shaping of the outbox's bus (<see cref="PlatformBus.ConfigureOutboxBus"/>).</summary>
public sealed record OutboxBusConfiguration(Action<IRabbitMqBusFactoryConfigurator> Apply);

/// <summary>Marks a consumer that a service wires to its own endpoint instead of the shared per-service queue.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InstanceConsumerAttribute : Attribute;

/// <summary>Exchange names come from <see cref="WireNameAttribute"/>; MassTransit's own types keep its defaults.</summary>
public sealed class WireNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    public string FormatEntityName<T>() =>
        typeof(T).GetCustomAttribute<WireNameAttribute>()?.Name ?? fallback.FormatEntityName<T>();
}
