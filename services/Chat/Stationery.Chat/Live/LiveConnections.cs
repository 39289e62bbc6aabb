using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Stationery.Chat.Live;

/// <summary>
/// The hub connections open on this replica, per user. SignalR groups cannot contain groups, so adding a user to a
/// channel group while they are connected means adding each of their connections; a disabled account's connections
/// are ended here too.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> byUser = new(StringComparer.Ordinal);

    public void Add(string tenant, string userId, HubCallerContext connection) =>
        byUser.GetOrAdd(Key(tenant, userId), _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(string tenant, string userId, string connectionId)
    {
        if (byUser.TryGetValue(Key(tenant, userId), out var connections)) connections.TryRemove(connectionId, out _);
    }

    public IReadOnlyList<string> Of(string tenant, string userId) =>
        byUser.TryGetValue(Key(tenant, userId), out var connections) ? [.. connections.Keys] : [];

    public void EndAll(string tenant, string userId)
    {
        if (!byUser.TryGetValue(Key(tenant, userId), out var connections)) return;
        foreach (var connection in connections.Values) connection.Abort();
    }

    private static string Key(string tenant, string userId) => $"{tenant}:{userId}";
}
