using MassTransit;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Live;

public static class LiveDelivery
{
    /// <summary>SignalR, and this replica's own temporary (auto-delete, uniquely named) queue for <see cref="MessagePostedFanOut"/>.</summary>
    public static IServiceCollection AddLiveDelivery(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<RecentMessages>();
        services.AddScoped<MessagePostedFanOut>();
        services.ConfigureBus((context, bus) =>
            bus.ReceiveEndpoint(new TemporaryEndpointDefinition("chat-live"), context.EndpointNameFormatter,
                e => e.Consumer<MessagePostedFanOut>(context)));
        return services;
    }
}
