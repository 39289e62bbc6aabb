namespace Stationery.Contracts.Identity;

/// <summary>A chain (tenant) signed up. A single shop is a chain with one branch.</summary>
/// <param name="TenantId">The chain's code, used as the tenant id everywhere.</param>
/// <param name="Name">Display name, e.g. 演示文具连锁.</param>
/// <param name="OccurredAt">When it happened.</param>
[WireName("stationery.identity.chain-registered")]
public sealed record ChainRegistered(string TenantId, string Name, DateTimeOffset OccurredAt) : IIntegrationEvent;
