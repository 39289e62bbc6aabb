namespace Stationery.Contracts;

/// <summary>Every integration event names the chain (tenant) it belongs to and when it happened.</summary>
public interface IIntegrationEvent
{
    /// <summary>The chain (tenant) code, e.g. <c>demo</c>.</summary>
    string TenantId { get; }

    /// <summary>When the fact happened.</summary>
    DateTimeOffset OccurredAt { get; }
}
