using System.Diagnostics;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F1: RabbitMQ killed (<c>kill -9</c>) in the middle of a stream of sales crossing reorder points; the rest of the stream
/// is sent while it is down (the API keeps answering: events wait in each service's event store, the outbox), then it is
/// started again. Every acknowledged sale must end with exactly one effect in each read model and nothing parked; the
/// consumers must resume without any service being restarted.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class BrokerKilledMidStream(FaultPlatform faults, ITestOutputHelper output)
{
    private const int Sales = 60;
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(20);

    [FaultFact]
    public async Task F1_消息代理在销售流中途被强杀后重启_每笔已确认的销售在每个读模型里恰好一次且无消息搁置()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        using var burst = new StockBurst(owner, faults.Platform, Sales);
        await burst.SetUpAsync();
        await faults.WaitQuietAsync();
        var duplicatesBefore = await faults.DuplicatesSuppressedAsync();

        var acknowledged = await burst.SendSalesAsync(0, Sales / 2);
        await faults.Servers.KillRabbitMqAsync();
        acknowledged += await burst.SendSalesAsync(Sales / 2, Sales);
        // The fault itself lasts this long: the platform is left without its broker, not waited on.
        await Task.Delay(Downtime);
        await faults.Servers.StartRabbitMqAsync();

        var figures = await faults.MeasureAsync("F1 RabbitMQ killed (-9) mid-stream, 20 s down", burst, acknowledged,
            duplicatesBefore, Stopwatch.StartNew(), output);

        acknowledged.ShouldBe(Sales);
        figures.Parked.ShouldBeEmpty(figures.ToString());
        figures.Effects.Complete.ShouldBeTrue(figures.ToString());
    }
}
