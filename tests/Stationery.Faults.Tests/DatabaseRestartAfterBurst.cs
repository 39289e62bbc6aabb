using System.Diagnostics;
using Shouldly;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F2: PostgreSQL stopped (<c>pg_ctl stop -m immediate</c>) right after a burst of sales that each cross a reorder point,
/// kept down for <see cref="Downtime"/>, then started again. Every acknowledged sale must end with exactly one effect in
/// each read model (ledger, 库存监控 alert, purchase-list item) within <see cref="FaultPlatform.RecoveryBound"/> of the
/// restart, and nothing parked: a database restart is a transient failure that retries ride out.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "FaultSmoke")]
public sealed class DatabaseRestartAfterBurst(FaultPlatform faults, ITestOutputHelper output)
{
    public const int Sales = 80;
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task F2_数据库在一阵销售后立即停机25秒_每笔已确认的销售在每个读模型里恰好一次且无消息搁置()
    {
        using var owner = await GatewayClient.LoginAsync(faults.Platform.Gateway, "owner");
        using var burst = new StockBurst(owner, faults.Platform, Sales);
        await burst.SetUpAsync();
        await faults.WaitQuietAsync();
        var duplicatesBefore = await faults.DuplicatesSuppressedAsync();

        var acknowledged = await burst.SendSalesAsync();
        await faults.Servers.StopPostgresImmediatelyAsync();
        // The fault itself lasts this long: the platform is left without its database, not waited on.
        await Task.Delay(Downtime);
        await faults.Servers.StartPostgresAsync();

        var figures = await faults.MeasureAsync("F2 PostgreSQL stopped (immediate) 25 s right after a burst", burst, acknowledged,
            duplicatesBefore, Stopwatch.StartNew(), output);

        acknowledged.ShouldBe(Sales);
        figures.Parked.ShouldBeEmpty(figures.ToString());
        figures.Effects.Complete.ShouldBeTrue(figures.ToString());
    }
}
