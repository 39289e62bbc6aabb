using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Stationery.Chat;
using Stationery.Chat.Channels;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Messaging;
using Stationery.Testing;

namespace Stationery.Benchmarks;

/// <summary>
/// Issue 5's fan-out benchmark: N connected SignalR clients in channels of 20 (N = 100, 500, 1,000 by default); messages
/// posted round-robin into the channels by a few concurrent posters; for each message and each of its channel's 20 members,
/// the time from the start of the post to the receipt, as p50/p99, and messages/s (posted and received by all 20).
/// Ours: the Chat service in-process on Kestrel against the real PostgreSQL and RabbitMQ — the post through the HTTP API
/// (token, validation, channel stream, commit), the outbox forwarder, RabbitMQ, the fan-out consumer and the hub.
/// Raw: a bare SignalR hub in a minimal Kestrel app in this process, whose POST relays the same message to the same group.
/// Both hold their N clients at once; repetitions alternate raw and ours, and each figure's ratio is the median of the
/// per-repetition ratios (latency: ours ÷ raw; throughput: raw ÷ ours, so both read "times slower than raw").
/// </summary>
internal static class FanOutBenchmark
{
    private const string Tenant = "bench";
    public const int GroupSize = 20;

    public static async Task RunAsync(int reps, IReadOnlyList<int> clientCounts, int messages, int posters)
    {
        // 2,000 connections and their callbacks on 2 cores: don't let the thread pool's slow ramp-up look like latency.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

        var groups = (clientCounts.Max() + GroupSize - 1) / GroupSize;
        await using var servers = await TestServers.IsolateAsync("benchfanout");
        await using var chat = StartChat(servers);
        var watch = Stopwatch.StartNew();
        await SeedAsync(chat, servers, groups);
        Console.WriteLine($"  (seeded {groups} branches × {GroupSize} staff through Identity's events in {watch.Elapsed.TotalSeconds:0.0} s)");
        await using var bare = await BareRelay.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };

        foreach (var n in clientCounts)
        {
            var g = n / GroupSize;
            var oursPath = new Target("ours", chat.Start(), "hubs/chat", Enumerable.Range(0, g).Select(Poster).ToArray());
            var rawPath = new Target("raw", bare.Address, "hubs/relay", new string?[g]);
            watch.Restart();
            await using var oursClients = await Fleet.ConnectAsync(oursPath, n);
            await using var rawClients = await Fleet.ConnectAsync(rawPath, n);
            Console.WriteLine($"  ({2 * n:N0} clients connected in {watch.Elapsed.TotalSeconds:0.0} s)");
            await WarmUpAsync(http, oursPath, oursClients, g, posters);
            await WarmUpAsync(http, rawPath, rawClients, g, posters);

            var ours = new List<Figures>();
            var raw = new List<Figures>();
            for (var rep = 0; rep < reps; rep++)
            {
                raw.Add(await RunOnceAsync(http, rawPath, rawClients, g, messages, posters, TimeSpan.FromMinutes(2)));
                ours.Add(await RunOnceAsync(http, oursPath, oursClients, g, messages, posters, TimeSpan.FromMinutes(5)));
            }
            Report(n, g, messages, posters, ours, raw);
        }
    }

    private static void Report(int n, int groups, int messages, int posters, List<Figures> ours, List<Figures> raw)
    {
        static double Median(IEnumerable<double> xs) => xs.OrderBy(x => x).ElementAt(xs.Count() / 2);
        var p50 = Median(ours.Zip(raw, (o, r) => o.P50 / r.P50));
        var p99 = Median(ours.Zip(raw, (o, r) => o.P99 / r.P99));
        var rate = Median(ours.Zip(raw, (o, r) => r.PerSecond / o.PerSecond));
        Console.WriteLine($"F1 fan-out, N={n:N0} clients in {groups} channels of {GroupSize}, {messages} messages by {posters} posters:");
        void Line(string name, List<Figures> f) => Console.WriteLine(
            $"  {name,-5} p50 {Median(f.Select(x => x.P50)),8:0.0} ms   p99 {Median(f.Select(x => x.P99)),8:0.0} ms   {Median(f.Select(x => x.PerSecond)),8:N0} msg/s" +
            $"   (post answered: p50 {Median(f.Select(x => x.PostP50)),6:0.0} ms)");
        Line("ours", ours);
        Line("raw", raw);
        Console.WriteLine($"  ratio p50 {p50,8:0.0}×     p99 {p99,8:0.0}×      throughput {rate:0.0}× (ours ÷ raw time)");
    }

    /// <summary>One round per channel until every client got it: proves each connection has joined its channel's group.</summary>
    private static async Task WarmUpAsync(HttpClient http, Target path, Fleet clients, int groups, int posters)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunOnceAsync(http, path, clients, groups, groups, posters, TimeSpan.FromSeconds(30));
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static async Task<Figures> RunOnceAsync(HttpClient http, Target path, Fleet clients, int groups, int messages, int posters,
        TimeSpan timeout)
    {
        var run = clients.Begin(messages);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(posters, messages)).Select(async poster =>
        {
            for (var k = poster; k < messages; k += posters)
            {
                var group = k % groups;
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.Address, $"{path.PostPrefix}channels/{ChannelOf(group)}/messages"))
                {
                    Content = JsonContent.Create(new { clientMessageId = $"f{run.Id}-{k}", text = $"fanout {run.Id}:{k} 今日到货请查收" }),
                };
                if (path.Tokens[group] is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                run.Posting(k);
                using var response = await http.SendAsync(request);
                // 201: posted. (A 200 would be Chat answering a resend of an earlier clientMessageId: nothing new to fan out.)
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"{path.Name}: posting #{k} answered {(int)response.StatusCode}, not 201");
                run.Answered(k);
            }
        }));
        try
        {
            await run.Done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{path.Name}: {run.Received:N0} of {messages * GroupSize:N0} receipts after {timeout.TotalSeconds:0} s; {run.Shortfall(groups)}");
        }
        finally
        {
            clients.End();
        }
        return run.Figures(started);
    }

    private static string ChannelOf(int group) => BranchChannels.Id(Branch(group), BranchTopic.General);

    private static string Branch(int group) => $"b{group:000}";

    private static string User(int group, int i) => $"s{group:000}-{i:00}";

    private static string Token(int group, int i) => TestTokens.Issue(Tenant, User(group, i), ["clerk"], [Branch(group)], $"店员{group}-{i}", TimeSpan.FromHours(6));

    /// <summary>Each channel's first member posts into it.</summary>
    private static string Poster(int group) => Token(group, 0);

    private static BenchChat StartChat(IsolatedServers servers)
    {
        // A console program names the service's content root (test projects get it from the test SDK).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_STATIONERY_CHAT",
            Path.Combine(PlatformProcesses.RepositoryRoot(), "services", "Chat", "Stationery.Chat"));
        var chat = new BenchChat(servers);
        chat.Start();
        return chat;
    }

    /// <summary>
    /// The branches and their staff as Identity announces them, one event at a time, each waited for until Chat has applied
    /// it, so the set-up is the same in every run: this benchmark measures the fan-out, not how Chat takes a burst of
    /// accounts (one directory queue message at a time, conflicts re-run; <c>DirectoryBurstTests</c> covers that).
    /// </summary>
    private static async Task SeedAsync(BenchChat chat, IsolatedServers servers, int groups)
    {
        await using var bus = await IntegratorBus.StartAsync(servers);
        var store = chat.Services.GetRequiredService<IDocumentStore>();
        var at = DateTimeOffset.UtcNow;
        async Task AnnounceAsync<T>(T message) where T : class
        {
            var id = Guid.NewGuid();
            await bus.Publish(message, id);
            await Probe.Until(async () =>
            {
                await using var session = store.QuerySession(Tenant);
                return await session.Query<ProcessedMessage>().AnyAsync(m => m.MessageId == id);
            }, TimeSpan.FromSeconds(60), $"Chat to apply {message}");
        }

        for (var group = 0; group < groups; group++)
        {
            var branch = Branch(group);
            await AnnounceAsync(new BranchOpened(Tenant, branch, $"门店{group:000}", "Asia/Shanghai", at));
            for (var i = 0; i < GroupSize; i++)
                await AnnounceAsync(new StaffMemberAdded(Tenant, User(group, i), User(group, i), $"店员{group}-{i}", ["clerk"], [branch], null, at));
            var members = await MembersAsync(store, ChannelOf(group));
            if (members.Length != GroupSize) throw new InvalidOperationException($"{ChannelOf(group)} has {members.Length} members, not {GroupSize}");
        }
    }

    private static async Task<string[]> MembersAsync(IDocumentStore store, string channelId)
    {
        await using var session = store.QuerySession(Tenant);
        return (await session.LoadAsync<Channel>(channelId))?.Members ?? [];
    }

    /// <summary>Limits raised for this benchmark only: thousands of connections on a busy 2-core machine.</summary>
    public static void Limits(HubOptions hub)
    {
        hub.ClientTimeoutInterval = TimeSpan.FromMinutes(3);
        hub.HandshakeTimeout = TimeSpan.FromMinutes(1);
        hub.KeepAliveInterval = TimeSpan.FromSeconds(30);
    }

    public static void Limits(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxConcurrentConnections = null;
        kestrel.Limits.MaxConcurrentUpgradedConnections = null;
    }

    /// <summary>The real Chat service with the benchmark's connection limits on top of its own configuration.</summary>
    private sealed class BenchChat(IsolatedServers servers) : ServiceFactory<ChatService>(servers, new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s =>
            {
                s.Configure<HubOptions>(Limits);
                s.Configure<KestrelServerOptions>(Limits);
            });
        }
    }

    /// <summary>Where one path's clients connect and post: ours needs a token per channel, raw none.</summary>
    private sealed record Target(string Name, Uri Address, string Hub, string?[] Tokens)
    {
        public string PostPrefix => Name == "ours" ? "api/chat/" : "";
    }

    /// <summary>Post-to-receipt percentiles, messages/s, and the median time the post itself took to answer.</summary>
    public sealed record Figures(double P50, double P99, double PerSecond, double PostP50);

    /// <summary>N hub connections, the i-th a member of channel i / 20, all recording into the current run.</summary>
    private sealed class Fleet : IAsyncDisposable
    {
        private readonly List<HubConnection> connections = [];
        private volatile Run? current;

        public static async Task<Fleet> ConnectAsync(Target path, int n)
        {
            var fleet = new Fleet();
            var built = Enumerable.Range(0, n).Select(i =>
            {
                var (group, member) = (i / GroupSize, i % GroupSize);
                var token = path.Tokens[group] is null ? null : Token(group, member);
                var url = new Uri(path.Address, path.Hub + (token is null ? $"?channel={ChannelOf(group)}" : ""));
                var connection = new HubConnectionBuilder()
                    .WithUrl(url, o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                        if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    })
                    .Build();
                connection.ServerTimeout = TimeSpan.FromMinutes(3);
                connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
                connection.KeepAliveInterval = TimeSpan.FromSeconds(30);
                connection.On<Pushed>("messagePosted", m => fleet.current?.Receive(m.Text));
                return connection;
            }).ToList();
            fleet.connections.AddRange(built);
            await Parallel.ForEachAsync(built, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) => await c.StartAsync(ct));
            return fleet;
        }

        public Run Begin(int messages) => current = new Run(Run.NextId(), messages);

        public void End() => current = null;

        public async ValueTask DisposeAsync() =>
            await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) => await c.DisposeAsync());
    }

    private sealed record Pushed(string ChannelId, long Seq, string Id, string Text);

    /// <summary>One measured round: when each message's post started, and every receipt's latency.</summary>
    private sealed class Run(int id, int messages)
    {
        private static int runs;

        /// <summary>Unique in the process: run ids make the clientMessageIds, which Chat de-duplicates per channel and author.</summary>
        public static int NextId() => Interlocked.Increment(ref runs);

        private readonly long[] postedAt = new long[messages];
        private readonly double[] answeredAfter = new double[messages];
        private readonly int[] receiptsOf = new int[messages];
        private readonly double[] latencies = new double[messages * GroupSize];
        private int received;
        private long lastReceipt;

        public int Id => id;

        public int Received => Volatile.Read(ref received);

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Posting(int k) => Volatile.Write(ref postedAt[k], Stopwatch.GetTimestamp());

        /// <summary>The post's own answer (201) arrived: how much of the latency is the HTTP call itself.</summary>
        public void Answered(int k) => answeredAfter[k] = Stopwatch.GetElapsedTime(Volatile.Read(ref postedAt[k])).TotalMilliseconds;

        /// <summary>Text "fanout {run}:{k} …"; anything else (an earlier run's straggler) is ignored.</summary>
        public void Receive(string text)
        {
            var now = Stopwatch.GetTimestamp();
            var span = text.AsSpan();
            if (!span.StartsWith("fanout ")) return;
            span = span[7..];
            var colon = span.IndexOf(':');
            var space = span.IndexOf(' ');
            if (colon < 0 || space < colon || !int.TryParse(span[..colon], out var run) || run != id || !int.TryParse(span[(colon + 1)..space], out var k)) return;
            Interlocked.Increment(ref receiptsOf[k]);
            var i = Interlocked.Increment(ref received) - 1;
            if (i >= latencies.Length) return;
            latencies[i] = Stopwatch.GetElapsedTime(Volatile.Read(ref postedAt[k]), now).TotalMilliseconds;
            if (i == latencies.Length - 1)
            {
                lastReceipt = now;
                Done.TrySetResult();
            }
        }

        /// <summary>For a run that timed out: how many messages reached how many members, and the channels short of receipts.</summary>
        public string Shortfall(int groups)
        {
            var counts = receiptsOf.Select(c => Volatile.Read(ref c)).ToArray();
            var histogram = string.Join(", ", counts.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Count()} messages × {g.Key} receipts"));
            var shortGroups = counts.Select((c, k) => (c, group: k % groups)).Where(x => x.c < GroupSize).Select(x => x.group).Distinct().Order();
            return $"{histogram}; channels short: {string.Join(" ", shortGroups.Take(60))}";
        }

        public Figures Figures(long started)
        {
            var wrong = receiptsOf.Select((count, k) => (count, k)).Where(x => x.count != GroupSize).ToList();
            if (wrong.Count > 0 || received != latencies.Length)
                throw new InvalidOperationException($"Run {id}: {received} receipts; messages not received exactly {GroupSize} times: " +
                    string.Join(", ", wrong.Take(10).Select(x => $"#{x.k}×{x.count}")));
            return new Figures(Percentile(latencies, 0.50), Percentile(latencies, 0.99), messages / Stopwatch.GetElapsedTime(started, lastReceipt).TotalSeconds,
                Percentile(answeredAfter, 0.50));
        }

        private static double Percentile(double[] values, double p)
        {
            var sorted = values.Order().ToArray();
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }
}
