using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>SignalR through the gateway: another chain's connection never hears this chain's messages; a disabled account is cut off.</summary>
[Collection(SecurityCollection.Name)]
public sealed class LiveIsolation(SecurityPlatform platform)
{
    [Fact]
    public async Task Another_chains_live_connection_never_receives_our_messages()
    {
        var ours = new ConcurrentQueue<JsonElement>();
        var theirs = new ConcurrentQueue<JsonElement>();
        await using var owner = await ConnectAsync(platform.Owner.Token, ours);
        await using var otherChain = await ConnectAsync(platform.OwnerB.Token, theirs);

        var text = $"甲链实时机密 {Guid.NewGuid():N}";
        await SecurityPlatform.Expect(platform.Owner.Http.PostAsJsonAsync($"api/chat/channels/{platform.A.ChannelId}/messages",
            new { clientMessageId = Guid.NewGuid().ToString("N"), text }), HttpStatusCode.Created);

        await Probe.Until(() => Task.FromResult(ours.Any(m => m.ToString().Contains(text))), Probe.CrossService,
            "our own live copy (so delivery happened)");
        // B's connection is open on the same replica and has had the same time: nothing of A's arrived.
        theirs.ShouldNotContain(m => m.ToString().Contains(text));
        theirs.ShouldNotContain(m => m.ToString().Contains(platform.A.ChannelId));
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_live_chat_connection()
    {
        var username = $"sec-live-{Guid.NewGuid():N}"[..18];
        var id = await platform.AddStaffAsync(username, "将离职店员", ["clerk"], ["main"]);
        using var leaver = await GatewayClient.LoginAsync(platform.Gateway, username);
        await using var hub = await ConnectAsync(leaver.Token, new ConcurrentQueue<JsonElement>());
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        (await platform.Owner.Http.PostAsync($"api/identity/staff/{id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Probe.Until(() => Task.FromResult(closed.Task.IsCompleted || hub.State == HubConnectionState.Disconnected),
            Probe.CrossService, "the disabled account's hub connection to be ended");
        // A reconnect with the still-valid token is refused or ended at once.
        HubConnection? retry = null;
        try { retry = await ConnectAsync(leaver.Token, new ConcurrentQueue<JsonElement>()); }
        // Refused at negotiate (401): the client reports it as one of these, or as several at once (one per transport tried).
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or OperationCanceledException or AggregateException) { }
        if (retry is not null)
            await using (retry)
                await Probe.Until(() => Task.FromResult(retry.State == HubConnectionState.Disconnected), TimeSpan.FromSeconds(10),
                    "a reconnect with the still-valid token to be ended");
    }

    private async Task<HubConnection> ConnectAsync(string token, ConcurrentQueue<JsonElement> received)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(platform.Gateway, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<JsonElement>("messagePosted", m => received.Enqueue(m));
        hub.On<JsonElement>("messageUpdated", m => received.Enqueue(m));
        await hub.StartReadyAsync();
        return hub;
    }
}
