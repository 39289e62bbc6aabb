using System.Diagnostics;
using Npgsql;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F6: the producing service crashes between committing its events and publishing them. Inventory talks to the broker
/// through a <see cref="TcpFaultProxy"/> that delays every chunk by <see cref="Latency"/> (so its outbox — the Marten
/// subscription <c>outbox</c>, checkpoint in <c>mt_event_progression</c> — has publishes in flight, as on a busy broker:
/// without it the outbox here keeps up within milliseconds and a kill finds nothing to lose) and is killed (<c>kill -9</c>)
/// the moment the burst's last sale is acknowledged: events committed, outbox part way. Started again (on the broker
/// directly), the outbox goes on from its durable checkpoint, so what was past it is published (some of it a second time:
/// published, not yet checkpointed) and the consumers' inboxes drop those duplicates. Every acknowledged sale ends with
/// exactly one effect in each read model and nothing parked.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ServiceKilledBetweenCommitAndPublish(FaultPlatform faults, ITestOutputHelper output)
{
    private const int Sales = 60;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(500);

    [FaultFact]
    public async Task F6_库存服务在提交后发布前被强杀_重启后发件箱补发_每笔已确认的销售在每个读模型里恰好一次()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        using var burst = new StockBurst(owner, faults.Platform, Sales);
        await burst.SetUpAsync();
        await faults.WaitQuietAsync();
        var duplicatesBefore = await faults.DuplicatesSuppressedAsync(excluding: "Inventory");

        var broker = new Uri(faults.Platform.Servers.RabbitMq);
        await using var proxy = TcpFaultProxy.Start(broker.Host, broker.Port);
        await faults.Platform.RestartAsync("Inventory", new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = new UriBuilder(broker) { Port = proxy.Port }.Uri.ToString(),
        });
        proxy.Latency = (Latency, Latency);

        var acknowledged = await burst.SendSalesAsync();
        await faults.Platform.KillAsync("Inventory");
        var unforwarded = await PastTheOutboxCheckpointAsync(faults.Platform.Servers, "inventory");
        await faults.Platform.StartAsync("Inventory");

        var figures = await faults.MeasureAsync(
            $"F6 Inventory (broker link +{Latency.TotalMilliseconds:0} ms per chunk) killed (-9) as the burst was acknowledged " +
            $"({unforwarded} events past the outbox checkpoint), started again", burst, acknowledged, duplicatesBefore, Stopwatch.StartNew(), output);

        acknowledged.ShouldBe(Sales);
        unforwarded.ShouldBeGreaterThan(0, "the kill struck between commit and publish");
        figures.Parked.ShouldBeEmpty(figures.ToString());
        figures.Effects.Complete.ShouldBeTrue(figures.ToString());
    }

    /// <summary>Events of <paramref name="schema"/>'s store after its outbox's checkpoint: what the outbox still has to publish.</summary>
    private static async Task<long> PastTheOutboxCheckpointAsync(IsolatedServers servers, string schema)
    {
        await using var conn = new NpgsqlConnection(servers.Postgres);
        await conn.OpenAsync();
        await using var behind = new NpgsqlCommand($"""
            SELECT coalesce((SELECT max(seq_id) FROM "{schema}".mt_events), 0)
                 - coalesce((SELECT min(last_seq_id) FROM "{schema}".mt_event_progression WHERE name LIKE 'outbox%'), 0)
            """, conn);
        return (long)(await behind.ExecuteScalarAsync())!;
    }
}
