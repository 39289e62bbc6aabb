using Stationery.Hosting.Messaging;

namespace Stationery.Purchasing;

/// <summary>Marker for the Purchasing service (tests host it with <c>WebApplicationFactory&lt;PurchasingService&gt;</c>).</summary>
public sealed class PurchasingService
{
}

public static class PurchasingModule
{
    public static WebApplicationBuilder AddPurchasing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IIntegrationEventMap, PurchasingEvents>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPurchasingApi(this IEndpointRouteBuilder app) => app;
}
