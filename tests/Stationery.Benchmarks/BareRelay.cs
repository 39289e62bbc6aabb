using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Stationery.Chat.Messages;

namespace Stationery.Benchmarks;

/// <summary>
/// The fan-out benchmark's baseline: a bare SignalR hub in a minimal Kestrel app. A client joins the group named by its
/// <c>?channel=</c>; <c>POST /channels/{id}/messages</c> gives the message the channel's next seq and relays the same
/// <see cref="MessageDto"/> Chat would push to the channel's group. No token, no database, no broker.
/// </summary>
internal sealed class BareRelay : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareRelay(WebApplication app, Uri address) => (this.app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<BareRelay> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            FanOutBenchmark.Limits(o);
            o.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddSignalR(FanOutBenchmark.Limits);
        var app = builder.Build();
        app.MapHub<RelayHub>("/hubs/relay");
        var seqs = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        app.MapPost("/channels/{channelId}/messages", async (string channelId, Post post, IHubContext<RelayHub> hub) =>
        {
            var seq = seqs.AddOrUpdate(channelId, 1, (_, s) => s + 1);
            var message = new MessageDto(channelId, seq, Guid.NewGuid().ToString(), "bench", "bench", post.Text, [], false, null,
                DateTimeOffset.UtcNow, Attachments: []);
            await hub.Clients.Group(channelId).SendAsync("messagePosted", message);
            return Results.Created($"/channels/{channelId}/messages/{message.Id}", message);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareRelay(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record Post(string ClientMessageId, string Text);

    private sealed class RelayHub : Hub
    {
        public override async Task OnConnectedAsync()
        {
            var channel = Context.GetHttpContext()!.Request.Query["channel"].ToString();
            await Groups.AddToGroupAsync(Context.ConnectionId, channel);
            await base.OnConnectedAsync();
        }
    }
}
