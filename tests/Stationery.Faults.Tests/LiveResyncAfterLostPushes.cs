using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F9: live pushes lost, and the resync protocol that makes up for them. (a) A SignalR client offline while messages flow
/// in its channel comes back and, on its <c>ready</c>, fetches what is newer than the last seq it holds. (b) The Chat
/// replica's own broker connection is force-closed (management API) while its clients stay connected: its fan-out queue
/// goes with the connection, and once MassTransit has declared a new one the replica sends its clients <c>resync</c>,
/// and they fetch. Either way the client ends with every message of the channel exactly once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LiveResyncAfterLostPushes(FaultPlatform faults, ITestOutputHelper output)
{
    private const string Channel = "main-group";
    private const int PerPhase = 10;

    [FaultFact]
    public async Task F9a_离线的聊天客户端重连后补取错过的消息_每条消息恰好一次()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        await using var client = await ResyncingClient.ConnectAsync(faults.Platform.Gateway, owner, Channel);
        var run = $"F9a-{Guid.NewGuid():N}"[..12];

        var posted = await PostAsync(owner, run, 0, PerPhase);
        await client.Hub.StopAsync();
        posted.AddRange(await PostAsync(owner, run, PerPhase, 2 * PerPhase));
        var since = Stopwatch.StartNew();
        await client.Hub.StartReadyAsync();
        await client.CatchUpAsync(); // the client's own reconnect: fetch after the last seq once ready has come
        posted.AddRange(await PostAsync(owner, run, 2 * PerPhase, 3 * PerPhase));

        var line = await MeasureAsync("F9a SignalR client offline while 10 of 30 messages were posted", client, posted, since);

        client.MissingOf(posted).ShouldBeEmpty(line);
        client.ShownMoreThanOnce(posted).ShouldBeEmpty(line);
    }

    [FaultFact]
    public async Task F9b_聊天服务与消息代理的连接被切断_客户端收到resync补取_每条消息恰好一次()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        await using var client = await ResyncingClient.ConnectAsync(faults.Platform.Gateway, owner, Channel);
        var run = $"F9b-{Guid.NewGuid():N}"[..12];

        var posted = await PostAsync(owner, run, 0, PerPhase);
        await Probe.Until(() => Task.FromResult(client.MissingOf(posted)), m => m.Count == 0, Probe.CrossService, "the first messages pushed live");
        // Chat's bus connection consumes its temporary fan-out queue (chat-live): closing it drops every push until the queue is back.
        var closed = await TestServers.CloseConnectionConsumingAsync(faults.Platform.Servers,
            q => System.Text.RegularExpressions.Regex.IsMatch(q, "chat[-_]?live", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var since = Stopwatch.StartNew();
        posted.AddRange(await PostAsync(owner, run, PerPhase, 2 * PerPhase));
        await Probe.Until(() => Task.FromResult(client.Resyncs), n => n > 0, FaultPlatform.RecoveryBound, "resync from the Chat replica");
        var resyncAfter = since.Elapsed;
        posted.AddRange(await PostAsync(owner, run, 2 * PerPhase, 3 * PerPhase));

        var line = await MeasureAsync($"F9b Chat's broker connection ({closed}) force-closed, 10 of 30 messages posted meanwhile; " +
            $"resync after {resyncAfter.TotalSeconds:0.0} s", client, posted, since);

        client.Resyncs.ShouldBe(1, line);
        client.MissingOf(posted).ShouldBeEmpty(line);
        client.ShownMoreThanOnce(posted).ShouldBeEmpty(line);
        (await faults.ParkedAsync()).ShouldBeEmpty(line);
    }

    private async Task<string> MeasureAsync(string fault, ResyncingClient client, List<Posted> posted, Stopwatch since)
    {
        TimeSpan? recovery = null;
        try
        {
            await Probe.Until(() => Task.FromResult(client.MissingOf(posted)), m => m.Count == 0, FaultPlatform.RecoveryBound, "every message in the client");
            recovery = since.Elapsed;
        }
        catch (TimeoutException)
        {
        }
        var line = $"{fault}: sent {posted.Count}, acknowledged {posted.Count}; client shows {posted.Count - client.MissingOf(posted).Count}/{posted.Count} " +
            $"(pushed {client.Pushed}, fetched {client.Fetched}, shown twice {client.ShownMoreThanOnce(posted).Count}); resyncs {client.Resyncs}; " +
            $"recovery {(recovery is { } r ? $"{r.TotalSeconds:0.0} s" : "never (within the bound)")}";
        output.WriteLine(line);
        Console.WriteLine($"[faults] {line}");
        return line;
    }

    private static async Task<List<Posted>> PostAsync(GatewayClient owner, string run, int from, int to)
    {
        var posted = new List<Posted>();
        for (var i = from; i < to; i++)
        {
            using var response = await owner.Http.PostAsJsonAsync($"api/chat/channels/{Channel}/messages",
                new { clientMessageId = Guid.NewGuid().ToString(), text = $"{run} 第 {i + 1} 条" });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            posted.Add(new Posted(body.GetProperty("id").GetString()!, body.GetProperty("seq").GetInt64()));
        }
        return posted;
    }

    public sealed record Posted(string Id, long Seq);

    /// <summary>
    /// A chat client as the web app is: it shows a channel's messages by seq (a push and a fetch of the same message show it
    /// once), counts what it shows more than once under two seqs, and fetches after its last seq on <c>resync</c>.
    /// </summary>
    private sealed class ResyncingClient : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<long, string> shown = new();
        private readonly GatewayClient user;
        private readonly string channel;
        private readonly SemaphoreSlim fetching = new(1, 1);
        private int pushed;
        private int fetched;
        private int resyncs;

        private ResyncingClient(HubConnection hub, GatewayClient user, string channel)
        {
            Hub = hub;
            this.user = user;
            this.channel = channel;
        }

        public HubConnection Hub { get; }

        public int Pushed => Volatile.Read(ref pushed);

        public int Fetched => Volatile.Read(ref fetched);

        public int Resyncs => Volatile.Read(ref resyncs);

        public static async Task<ResyncingClient> ConnectAsync(Uri gateway, GatewayClient user, string channel)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(gateway, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(user.Token))
                .Build();
            var client = new ResyncingClient(hub, user, channel);
            hub.On<JsonElement>("messagePosted", m =>
            {
                if (m.GetProperty("channelId").GetString() != channel) return;
                Interlocked.Increment(ref client.pushed);
                client.Show(m);
            });
            hub.On<JsonElement>("resync", async _ =>
            {
                await client.CatchUpAsync();
                Interlocked.Increment(ref client.resyncs);
            });
            await hub.StartReadyAsync();
            await client.CatchUpAsync();
            // The channel's history before the fault is not what the figures count.
            Interlocked.Exchange(ref client.fetched, 0);
            return client;
        }

        /// <summary>Fetches every message after the last seq shown (pages of 200 until the server has nothing newer).</summary>
        public async Task CatchUpAsync()
        {
            await fetching.WaitAsync();
            try
            {
                while (true)
                {
                    var after = shown.IsEmpty ? 0 : shown.Keys.Max();
                    var page = await user.GetJsonAsync($"api/chat/channels/{channel}/messages?after={after}&limit=200");
                    var messages = page.ValueKind == JsonValueKind.Array ? page.EnumerateArray().ToList() : [];
                    foreach (var m in messages)
                    {
                        Interlocked.Increment(ref fetched);
                        Show(m);
                    }
                    if (messages.Count < 200) return;
                }
            }
            finally
            {
                fetching.Release();
            }
        }

        public IReadOnlyList<Posted> MissingOf(IEnumerable<Posted> posted) =>
            [.. posted.Where(p => !shown.TryGetValue(p.Seq, out var id) || id != p.Id)];

        public IReadOnlyList<string> ShownMoreThanOnce(IEnumerable<Posted> posted)
        {
            var ours = posted.Select(p => p.Id).ToHashSet();
            return [.. shown.Values.Where(ours.Contains).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key)];
        }

        private void Show(JsonElement m) => shown[m.GetProperty("seq").GetInt64()] = m.GetProperty("id").GetString()!;

        public async ValueTask DisposeAsync()
        {
            await Hub.DisposeAsync();
            fetching.Dispose();
        }
    }
}
