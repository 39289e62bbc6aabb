using JasperFx.Events;
using Stationery.Hosting.Messaging;

namespace Stationery.Purchasing;

/// <summary>Domain events of this service that become public contracts.</summary>
public sealed class PurchasingEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => null;
}
