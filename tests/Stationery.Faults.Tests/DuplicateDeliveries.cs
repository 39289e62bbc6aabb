using System.Diagnostics;
using Shouldly;
using Stationery.Contracts.Inventory;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F4: every low-stock alert of a burst delivered three times (the outbox's own publish, then two more with the same
/// MessageId, as a broker redelivery or an outbox retry would). Each consumer (Chat's stock-watch bot, Purchasing's list,
/// Reporting's stock watch) must apply it once: one alert and one purchase-list item per product, and every extra delivery counted as suppressed.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DuplicateDeliveries(FaultPlatform faults, ITestOutputHelper output)
{
    private const int Sales = 20;
    private const int ExtraDeliveries = 2;

    /// <summary>StockAlertChanged's consumers: Chat's stock-watch bot, Purchasing's list (adding, withdrawing), Reporting's stock watch.</summary>
    private const int Consumers = 4;

    [FaultFact]
    public async Task F4_同一条低库存消息重复投递三次_每个读模型只生效一次且重复都被识别()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        using var burst = new StockBurst(owner, faults.Platform, Sales);
        await burst.SetUpAsync();
        await faults.WaitQuietAsync();
        await using var integrator = await IntegratorBus.StartAsync(faults.Platform.Servers);
        var heard = await integrator.ObserveAsync<StockAlertChanged>();
        var duplicatesBefore = await faults.DuplicatesSuppressedAsync();

        var acknowledged = await burst.SendSalesAsync();
        var ours = await Probe.Until(() => Task.FromResult(heard.Where(c => c.Message.Sku.StartsWith(burst.Sku(0)[..^3], StringComparison.Ordinal)).ToList()),
            l => l.Count >= Sales, Probe.CrossService, "every low-stock alert of the burst on the wire");
        await Probe.Until(burst.ObserveAsync, e => e.Complete, FaultPlatform.RecoveryBound, "the first deliveries' effects");

        var since = Stopwatch.StartNew();
        for (var round = 0; round < ExtraDeliveries; round++)
            foreach (var context in ours)
                await integrator.Publish(context.Message, context.MessageId);

        var expectedSuppressed = (long)ours.Count * ExtraDeliveries * Consumers;
        await Probe.Until(async () => await faults.DuplicatesSuppressedAsync() - duplicatesBefore, n => n >= expectedSuppressed,
            FaultPlatform.RecoveryBound, "the redeliveries to be recognised");
        var figures = await faults.MeasureAsync("F4 every low-stock alert delivered 3 times", burst, acknowledged, duplicatesBefore, since, output);

        acknowledged.ShouldBe(Sales);
        ours.Count.ShouldBe(Sales, "one StockAlertChanged per sale from the outbox");
        figures.DuplicatesSuppressed.ShouldBe(expectedSuppressed, figures.ToString());
        figures.Parked.ShouldBeEmpty(figures.ToString());
        figures.Effects.Complete.ShouldBeTrue(figures.ToString());
    }
}
