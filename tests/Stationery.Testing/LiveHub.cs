using Microsoft.AspNetCore.SignalR.Client;

namespace Stationery.Testing;

public static class LiveHub
{
    /// <summary>
    /// Starts the chat hub connection and waits (bounded) for the hub's <c>ready</c>: the handshake completes before the
    /// hub has joined the connection to its user's and channels' groups, and only from <c>ready</c> on is live delivery
    /// certain. Register the other handlers before calling this. A connection the hub ends instead (a disabled account)
    /// throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static async Task StartReadyAsync(this HubConnection connection, TimeSpan? timeout = null)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Closed(Exception? e)
        {
            ready.TrySetException(new InvalidOperationException("The hub ended the connection before it was ready.", e));
            return Task.CompletedTask;
        }
        using var handler = connection.On<object>("ready", _ => ready.TrySetResult());
        connection.Closed += Closed;
        try
        {
            await connection.StartAsync();
            await ready.Task.WaitAsync(timeout ?? Probe.CrossService);
        }
        finally
        {
            connection.Closed -= Closed;
        }
    }
}
