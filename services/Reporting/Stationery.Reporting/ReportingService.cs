using Stationery.Hosting.Messaging;

namespace Stationery.Reporting;

/// <summary>Marker for the Reporting service (tests host it with <c>WebApplicationFactory&lt;ReportingService&gt;</c>).</summary>
public sealed class ReportingService
{
}

public static class ReportingModule
{
    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IIntegrationEventMap, ReportingEvents>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app) => app;
}
