using JasperFx.Events;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// A service's translation of its own domain events into the public contracts it publishes.
/// Returns null for events that stay inside the service.
/// </summary>
public interface IIntegrationEventMap
{
    object? Map(IEvent e);
}
