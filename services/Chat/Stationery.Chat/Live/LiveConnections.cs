using System.Collections.Concurrent;

namespace Stationery.Chat.Live;

/// <summary>
/// The hub connections open on this replica, per user. SignalR groups cannot contain groups, so adding a user to a
/// channel group while they are connected means adding each of their connections.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> byUser = new(StringComparer.Ordinal);

    public void Add(string tenant, string userId, string connectionId) =>
        byUser.GetOrAdd(Key(tenant, userId), _ => new(StringComparer.Ordinal))[connectionId] = 0;

    public void Remove(string tenant, string userId, string connectionId)
    {
        if (byUser.TryGetValue(Key(tenant, userId), out var connections)) connections.TryRemove(connectionId, out _);
    }

    public IReadOnlyList<string> Of(string tenant, string userId) =>
        byUser.TryGetValue(Key(tenant, userId), out var connections) ? [.. connections.Keys] : [];

    private static string Key(string tenant, string userId) => $"{tenant}:{userId}";
}
