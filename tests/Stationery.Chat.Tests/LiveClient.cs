using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Stationery.Chat.Messages;

namespace Stationery.Chat.Tests;

/// <summary>A SignalR client of the chat hub; every <c>messagePosted</c> it gets lands in <see cref="Received"/>.</summary>
public sealed class LiveClient(HubConnection connection) : IAsyncDisposable
{
    public static async Task<LiveClient> ConnectAsync(Uri service, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(service, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var client = new LiveClient(connection);
        connection.On<MessageDto>("messagePosted", client.Received.Enqueue);
        await connection.StartAsync();
        return client;
    }

    public ConcurrentQueue<MessageDto> Received { get; } = new();

    public HubConnection Connection => connection;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
