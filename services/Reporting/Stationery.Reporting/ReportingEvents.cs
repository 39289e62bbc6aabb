using JasperFx.Events;
using Stationery.Hosting.Messaging;

namespace Stationery.Reporting;

/// <summary>Domain events of this service that become public contracts.</summary>
public sealed class ReportingEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => null;
}
