using System.Diagnostics;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F3: the consumers' processes crash in the middle of consuming. While the burst's low-stock alerts are flowing into
/// Purchasing (purchase list) and Chat (库存监控), both are killed (<c>kill -9</c>) as soon as Purchasing has applied the
/// first of them, then started again on the same ports with the same settings. RabbitMQ redelivers what was delivered but
/// not acknowledged, the inbox turns what had already been applied into a suppressed duplicate: every acknowledged sale
/// ends with exactly one effect in each read model and nothing parked, without anything restarted by hand but the crash's.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ConsumerKilledMidConsume(FaultPlatform faults, ITestOutputHelper output)
{
    private const int Sales = 60;
    private static readonly string[] Consumers = ["Purchasing", "Chat"];

    [FaultFact]
    public async Task F3_消费服务在消费中途被强杀后重启_每笔已确认的销售在每个读模型里恰好一次且无消息搁置()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        using var burst = new StockBurst(owner, faults.Platform, Sales);
        await burst.SetUpAsync();
        await faults.WaitQuietAsync();
        var duplicatesBefore = await faults.DuplicatesSuppressedAsync(excluding: Consumers);

        var sending = burst.SendSalesAsync();
        // Strike while the effects are flowing: as soon as Purchasing has applied the first alert of the burst.
        var applied = await Probe.Until(burst.InPurchaseListAsync, n => n > 0, Probe.CrossService, "the burst's first purchase-list item");
        await Task.WhenAll(Consumers.Select(faults.Platform.KillAsync));
        var acknowledged = await sending;
        await Task.WhenAll(Consumers.Select(c => faults.Platform.StartAsync(c)));

        var figures = await faults.MeasureAsync(
            $"F3 Purchasing and Chat killed (-9) mid-consume ({applied}/{Sales} on the purchase list at the kill), started again",
            burst, acknowledged, duplicatesBefore, Stopwatch.StartNew(), output);

        acknowledged.ShouldBe(Sales);
        figures.Parked.ShouldBeEmpty(figures.ToString());
        figures.Effects.Complete.ShouldBeTrue(figures.ToString());
    }
}
