using MassTransit;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Live;

public static class LiveDelivery
{
    /// <summary>
    /// SignalR, and this replica's own temporary queue for the fan-out consumers: uniquely named per process and
    /// endpoint, exclusive to its connection (deleted when the replica goes), non-durable, expiring if orphaned; recreated
    /// after a lost connection, when <see cref="LiveResync"/> tells the clients to resync.
    /// </summary>
    public static IServiceCollection AddLiveDelivery(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<RecentMessages>();
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveResync>();
        services.AddScoped<MessagePostedFanOut>();
        services.AddScoped<MessageUpdatedFanOut>();
        services.AddScoped<ChannelReadFanOut>();
        services.AddScoped<ChannelMembershipFanOut>();
        services.AddScoped<DisabledAccountFanOut>();
        services.ConfigureBus((context, bus) =>
            bus.ReceiveEndpoint(new TemporaryEndpointDefinition("chat-live"), context.EndpointNameFormatter, e =>
            {
                // A new queue after a lost connection: pushes were lost meanwhile, the clients must resync.
                e.ConnectReceiveEndpointObserver(context.GetRequiredService<LiveResync>());
                e.Consumer<MessagePostedFanOut>(context);
                e.Consumer<MessageUpdatedFanOut>(context);
                e.Consumer<ChannelReadFanOut>(context);
                e.Consumer<ChannelMembershipFanOut>(context);
                e.Consumer<DisabledAccountFanOut>(context);
            }));
        return services;
    }
}
