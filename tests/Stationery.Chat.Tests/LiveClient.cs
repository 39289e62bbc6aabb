using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Stationery.Chat.Live;
using Stationery.Chat.Messages;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>A SignalR client of the chat hub, keeping everything the server pushed to it.</summary>
public sealed class LiveClient(HubConnection connection) : IAsyncDisposable
{
    public static async Task<LiveClient> ConnectAsync(Uri service, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(service, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var client = new LiveClient(connection);
        connection.On<MessageDto>("messagePosted", client.Received.Enqueue);
        connection.On<MessageUpdate>("messageUpdated", client.Updates.Enqueue);
        connection.On<ReadUpdate>("readUpdated", client.ReadUpdates.Enqueue);
        connection.On<ChannelChange>("channelJoined", client.Joined.Enqueue);
        connection.On<ChannelChange>("channelLeft", client.Left.Enqueue);
        connection.On<Notification>("notification", client.Notifications.Enqueue);
        await connection.StartReadyAsync();
        return client;
    }

    public ConcurrentQueue<MessageDto> Received { get; } = new();

    public ConcurrentQueue<MessageUpdate> Updates { get; } = new();

    public ConcurrentQueue<ReadUpdate> ReadUpdates { get; } = new();

    public ConcurrentQueue<ChannelChange> Joined { get; } = new();

    public ConcurrentQueue<ChannelChange> Left { get; } = new();

    public ConcurrentQueue<Notification> Notifications { get; } = new();

    public HubConnection Connection => connection;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
