using MassTransit;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Live;

public static class LiveDelivery
{
    /// <summary>
    /// SignalR, and this replica's own temporary queue for the fan-out consumers: uniquely named per process and
    /// endpoint, exclusive to its connection (deleted when the replica goes), non-durable, expiring if orphaned.
    /// </summary>
    public static IServiceCollection AddLiveDelivery(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<RecentMessages>();
        services.AddSingleton<LiveConnections>();
        services.AddScoped<MessagePostedFanOut>();
        services.AddScoped<MessageUpdatedFanOut>();
        services.AddScoped<ChannelReadFanOut>();
        services.AddScoped<ChannelMembershipFanOut>();
        services.AddScoped<DisabledAccountFanOut>();
        services.ConfigureBus((context, bus) =>
            bus.ReceiveEndpoint(new TemporaryEndpointDefinition("chat-live"), context.EndpointNameFormatter, e =>
            {
                e.Consumer<MessagePostedFanOut>(context);
                e.Consumer<MessageUpdatedFanOut>(context);
                e.Consumer<ChannelReadFanOut>(context);
                e.Consumer<ChannelMembershipFanOut>(context);
                e.Consumer<DisabledAccountFanOut>(context);
            }));
        return services;
    }
}
