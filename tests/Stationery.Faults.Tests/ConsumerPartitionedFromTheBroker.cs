using System.Diagnostics;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F8: a slow link, then a partition, between one consumer and the broker. Purchasing is started again with its RabbitMQ
/// address on a <see cref="TcpFaultProxy"/> that delays every chunk by 100–200 ms; the burst is sent, and while its alerts
/// flow into Purchasing the proxy cuts every connection and refuses new ones for <see cref="Partition"/>, then heals (no
/// latency any more).
/// Purchasing reconnects by itself, RabbitMQ redelivers what it had not acknowledged: every acknowledged sale ends with
/// exactly one effect in each read model and nothing parked. Purchasing is put back on the broker directly afterwards.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ConsumerPartitionedFromTheBroker(FaultPlatform faults, ITestOutputHelper output)
{
    private const int Sales = 60;
    private static readonly TimeSpan Partition = TimeSpan.FromSeconds(20);

    [FaultFact]
    public async Task F8_采购服务与消息代理之间有延迟并断开20秒_恢复后每笔已确认的销售在每个读模型里恰好一次且无消息搁置()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        using var burst = new StockBurst(owner, faults.Platform, Sales);
        await burst.SetUpAsync();
        await faults.WaitQuietAsync();

        var broker = new Uri(faults.Platform.Servers.RabbitMq);
        await using var proxy = TcpFaultProxy.Start(broker.Host, broker.Port);
        try
        {
            await faults.Platform.RestartAsync("Purchasing", new Dictionary<string, string>
            {
                ["ConnectionStrings__RabbitMq"] = new UriBuilder(broker) { Port = proxy.Port }.Uri.ToString(),
            });
            var duplicatesBefore = await faults.DuplicatesSuppressedAsync();
            // From here on (not while it starts: its readiness check opens a broker channel per queue, 10 s at this latency).
            proxy.Latency = (TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));

            var sending = burst.SendSalesAsync();
            // Cut while the effects are flowing: as soon as Purchasing has applied the first alert of the burst.
            var applied = await Probe.Until(burst.InPurchaseListAsync, n => n > 0, Probe.CrossService, "the burst's first purchase-list item");
            proxy.Partition();
            var acknowledged = await sending;
            // The fault itself lasts this long: Purchasing is left without its broker, not waited on.
            await Task.Delay(Partition);
            // Healed: the link is back as it was before the fault, without the latency.
            proxy.Latency = default;
            proxy.Heal();
            var (connections, cut, refused) = proxy.Counts;

            var figures = await faults.MeasureAsync(
                $"F8 Purchasing↔RabbitMQ 100–200 ms per chunk, partitioned 20 s mid-stream ({applied}/{Sales} on the purchase list; " +
                $"{cut} connections cut, {refused} reconnects refused)", burst, acknowledged, duplicatesBefore, Stopwatch.StartNew(), output);

            acknowledged.ShouldBe(Sales);
            cut.ShouldBeGreaterThan(0, "Purchasing talked to the broker through the proxy");
            refused.ShouldBeGreaterThan(0, "Purchasing tried to reconnect during the partition");
            proxy.Counts.Connections.ShouldBeGreaterThan(connections, "Purchasing reconnected by itself after the heal");
            figures.Parked.ShouldBeEmpty(figures.ToString());
            figures.Effects.Complete.ShouldBeTrue(figures.ToString());
        }
        finally
        {
            // Back on the broker directly: the other faults (and this proxy's disposal) must not depend on it.
            await faults.Platform.RestartAsync("Purchasing");
        }
    }
}
