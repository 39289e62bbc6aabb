using System.Text.Json;
using Stationery.Testing;

namespace Stationery.Faults.Tests;

/// <summary>
/// The platform as processes (<see cref="PlatformProcesses"/>, demo chain seeded and settled) on servers of the fault suite's
/// own (<see cref="LocalServers"/>), which the faults stop, kill and restart. One per fault class.
/// </summary>
public sealed class FaultPlatform : IAsyncLifetime
{
    private LocalServers? servers;

    public LocalServers Servers => servers ?? throw new InvalidOperationException("not started");
    public PlatformProcesses Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        servers = await LocalServers.StartAsync();
        Platform = PlatformProcesses.On(servers.Addresses);
        await Platform.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try { await Platform.DisposeAsync(); }
        finally { if (servers is not null) await servers.DisposeAsync(); }
    }

    /// <summary>How long after recovery every effect must be there: 3 minutes (retries back off to 30 s between runs).</summary>
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Waits (bounded by <see cref="RecoveryBound"/>) for every effect of <paramref name="burst"/>, then for a quiet platform,
    /// and prints the fault's line of figures; the recovery time runs from <paramref name="recovered"/>'s start.
    /// </summary>
    public async Task<FaultFigures> MeasureAsync(string fault, StockBurst burst, int acknowledged, long duplicatesBefore,
        System.Diagnostics.Stopwatch recovered, Xunit.Abstractions.ITestOutputHelper output)
    {
        Effects effects;
        TimeSpan? recovery = null;
        try
        {
            effects = await Probe.Until(burst.ObserveAsync, e => e.Complete, RecoveryBound, "every effect of the burst");
            recovery = recovered.Elapsed;
        }
        catch (TimeoutException)
        {
            effects = await burst.ObserveAsync();
        }
        // Parked messages show in RabbitMQ's counts a few seconds late: a quiet platform is the moment to count them.
        await WaitQuietAsync();
        var parked = await ParkedAsync();
        var why = new List<string>();
        foreach (var queue in parked.Keys)
            why.AddRange((await TestServers.ParkedBecauseAsync(Platform.Servers, queue)).Select(w => $"{queue}: {w}"));
        var figures = new FaultFigures(fault, burst.Count, acknowledged, effects,
            await DuplicatesSuppressedAsync() - duplicatesBefore, parked, recovery) { ParkedBecause = why };
        output.WriteLine(figures.ToString());
        Console.WriteLine($"[faults] {figures}");
        return figures;
    }

    /// <summary>
    /// Until nothing is left in any event store's outbox or any of the platform's queues (parked ones aside), bounded. A
    /// test's own observer queues (<see cref="IntegratorBus"/>'s <c>integrator-…</c>, left behind when its bus stops) are
    /// not the platform's.
    /// </summary>
    public Task WaitQuietAsync() =>
        Probe.Until(async () => (await TestServers.BacklogAsync(Platform.Servers)).Where(b => !b.Key.StartsWith("integrator-", StringComparison.Ordinal)).ToList(),
            b => b.Count == 0, RecoveryBound, "a quiet platform");

    /// <summary>Messages parked in the platform's <c>_error</c> queues, by queue (RabbitMQ's counts lag a few seconds).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ParkedAsync() =>
        (await TestServers.QueueDepthsAsync(Platform.Servers))
            .Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) && q.Value > 0)
            .ToDictionary(q => q.Key, q => q.Value);

    /// <summary>
    /// Redeliveries every service's inbox recognised and acknowledged without effect, summed from each service's
    /// <c>/health/ready</c> (the <c>messaging</c> check's <c>duplicatesSuppressed</c>). The count lives in the process: a fault
    /// that restarts services takes its "before" figure <paramref name="excluding"/> them (lowercase names), so their count
    /// after the restart is all new.
    /// </summary>
    public async Task<long> DuplicatesSuppressedAsync(params string[] excluding)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        long total = 0;
        foreach (var (name, address) in Platform.Services)
        {
            if (excluding.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            using var response = await http.GetAsync(new Uri(address, "health/ready"));
            var body = await response.Content.ReadAsStringAsync();
            if (!body.StartsWith('{')) continue; // a service without the messaging check (before it existed) counts none
            using var json = JsonDocument.Parse(body);
            total += json.RootElement.GetProperty("checks").GetProperty("messaging").GetProperty("data")
                .GetProperty("duplicatesSuppressed").GetInt64();
        }
        return total;
    }
}

/// <summary>All faults share one platform on one pair of servers of their own (starting it takes minutes here).</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultPlatform>
{
    public const string Name = "faults";
}

/// <summary>One line of figures per fault run, printed to the test output and the console (so <c>./stationery faults</c> shows it).</summary>
public sealed record FaultFigures(string Fault, int Sent, int Acknowledged, Effects Effects, long DuplicatesSuppressed,
    IReadOnlyDictionary<string, long> Parked, TimeSpan? Recovery)
{
    public override string ToString() =>
        $"{Fault}: sent {Sent}, acknowledged {Acknowledged}; {Effects.Describe(Acknowledged)}; duplicates suppressed {DuplicatesSuppressed}; " +
        $"parked {Parked.Values.Sum()}{(Parked.Count == 0 ? "" : " (" + string.Join(", ", Parked.Select(p => $"{p.Key} {p.Value}")) + ")")}; " +
        $"recovery {(Recovery is { } r ? $"{r.TotalSeconds:0.0} s" : "never (within the bound)")}" +
        (ParkedBecause.Count == 0 ? "" : "; parked because: " + string.Join(" | ", ParkedBecause));

    /// <summary>Why the parked messages were parked, as their fault headers say (a few per queue).</summary>
    public IReadOnlyList<string> ParkedBecause { get; init; } = [];
}
