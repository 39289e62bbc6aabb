using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Reporting;
using Stationery.Testing;

namespace Stationery.Reporting.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>
/// Reporting on real Kestrel against its own PostgreSQL database and RabbitMQ virtual host, with a clock the test moves and
/// the evening pass's timer off (the test runs the pass, as replicas would). An <see cref="IntegratorBus"/> plays Identity
/// and Inventory, publishing the small known history of <see cref="KnownHistory"/>, and hears the published reports.
/// </summary>
public sealed class ReportingHost : IAsyncLifetime
{
    public const string Tenant = "demo";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IsolatedServers servers = null!;

    public TestClock Clock { get; } = new(KnownHistory.Day.ToDateTime(new TimeOnly(12, 0)) is var noon
        ? new DateTimeOffset(noon, KnownHistory.China) : default);

    public ServiceFactory<ReportingService> Reporting { get; private set; } = null!;

    public IntegratorBus Bus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync(nameof(ReportingHost));
        Reporting = new Factory(servers, Clock);
        Reporting.Start();
        Bus = await IntegratorBus.StartAsync(servers, "reporting-tests", h => h.Of<DailyReportPublished>().Of<WeeklyReportPublished>());
        await KnownHistory.PublishAsync(Bus);
        using var owner = ClientFor("owner", ["owner"], ["main", "east"]);
        await Probe.Until(async () =>
        {
            var response = await owner.GetAsync($"api/reporting/chain/summary?from={KnownHistory.Day.AddDays(-7):yyyy-MM-dd}&to={KnownHistory.Day.AddDays(1):yyyy-MM-dd}");
            if (!response.IsSuccessStatusCode) return 0;
            var summary = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
            return summary.GetProperty("totals").GetProperty("revenue").GetDecimal();
        }, revenue => revenue == KnownHistory.ChainRevenueFromBaselineToDayAfter, TimeSpan.FromSeconds(60), "the known history in the read models");
        await Probe.Until(async () =>
        {
            var response = await owner.GetAsync($"api/reporting/branches/main/daily?date={KnownHistory.Day:yyyy-MM-dd}");
            if (!response.IsSuccessStatusCode) return (0, 0, false);
            var report = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
            var slow = report.GetProperty("slowMovers");
            return (report.GetProperty("toReorder").GetArrayLength(), slow.GetArrayLength(),
                slow.GetArrayLength() == 1 && slow[0].GetProperty("discontinued").GetBoolean());
        }, lists => lists == (2, 1, true), TimeSpan.FromSeconds(30), "the stock watch and catalogue of the known history");
    }

    public async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        await Reporting.DisposeAsync();
        await servers.DisposeAsync();
    }

    public HttpClient ClientFor(string userId, string[] roles, string[] branches, string tenant = Tenant) =>
        Reporting.ClientFor(TestTokens.Issue(tenant, userId, roles, branches));

    public HttpClient Owner() => ClientFor("owner", ["owner"], ["main", "east"]);

    private sealed class Factory(IsolatedServers servers, TestClock clock) : ServiceFactory<ReportingService>(servers,
        new Dictionary<string, string?> { ["Reporting:ScheduledReports"] = "false", ["Reporting:SettleSeconds"] = "0" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}

/// <summary>
/// A small history with figures worked out by hand (China time, +08:00). Report day 2025-11-25 (a Tuesday, ISO week
/// 2025-W48). Seven days before it (18–24 Nov), main sells every day on one ticket B-dd: 5 pens at 2.00 (笔类 10.00),
/// 5 notebooks at 10.00 (本册 50.00), 1 paint at 30.00 (颜料 30.00) — 90.00, 11 units.
/// On the 25th main sells, on three tickets:
///   T0 00:05 (still the 24th in UTC) notebook ×1 10.00;
///   T1 10:00 pens ×10 20.00 and notebook ×1 10.00;
///   T2 23:50 pens ×3 6.00 (delivered twice) and paint ×1 30.00
///   → 76.00, 16 units, 3 tickets; pens 13 (26.00), notebooks 2 (20.00), paint 1 (30.00);
///   笔类 26 vs 10/day (+160%), 本册 20 vs 50/day (−60%, falling), 颜料 30 vs 30/day (0).
/// T3 on the 26th at 00:10 (still the 25th in UTC): paint ×5 150.00 — belongs to the 26th.
/// East sells pens ×4 at 2.50 on the 25th (10.00, one ticket).
/// Stock: pens low at main (3 left, reorder point 5, suggest 20); the notebook's alert was resolved (the resolution is
/// published first, but is newer); the paint went out of stock after T3; the folder (never sold, now discontinued) is a slow mover, and the
/// notebook's slow-mover finding is ended by its later sales.
/// </summary>
public static class KnownHistory
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);
    public static readonly DateOnly Day = new(2025, 11, 25);
    public const decimal ChainRevenueFromBaselineToDayAfter = 7 * 90m + 76m + 150m + 10m;

    public const string Pen = "RPT-PEN", Notebook = "RPT-NOTE", Paint = "RPT-PAINT", Folder = "RPT-FOLDER";

    public static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), China);

    public static async Task PublishAsync(IntegratorBus bus)
    {
        const string t = ReportingHost.Tenant;
        var opened = At(new DateOnly(2025, 11, 1), 9, 0);
        await bus.Publish(new BranchOpened(t, "main", "总店", "Asia/Shanghai", opened));
        await bus.Publish(new BranchOpened(t, "east", "东区店", "Asia/Shanghai", opened));
        await bus.Publish(new ProductRegistered(t, Pen, "晨光中性笔", "0.5 黑", "晨光", "笔类", "支", null, 2.00m, 12, opened));
        await bus.Publish(new ProductRegistered(t, Notebook, "得力笔记本", "A5", "得力", "本册", "本", null, 10.00m, 10, opened));
        await bus.Publish(new ProductRegistered(t, Paint, "马利水彩", "12色", "马利", "颜料", "盒", null, 30.00m, 6, opened));
        await bus.Publish(new ProductRegistered(t, Folder, "得力文件夹", "A4 蓝", "得力", "办公用品", "个", null, 8.00m, 20, opened));

        for (var day = Day.AddDays(-7); day < Day; day = day.AddDays(1))
        {
            var at = At(day, 15, 0);
            var reference = $"B-{day:dd}";
            await Sell(bus, "main", Pen, 5, 2.00m, reference, at, 80);
            await Sell(bus, "main", Notebook, 5, 10.00m, reference, at, 60);
            await Sell(bus, "main", Paint, 1, 30.00m, reference, at, 20);
        }
        await Sell(bus, "main", Notebook, 1, 10.00m, "T0", At(Day, 0, 5), 40);
        await Sell(bus, "main", Pen, 10, 2.00m, "T1", At(Day, 10, 0), 6);
        await Sell(bus, "main", Notebook, 1, 10.00m, "T1", At(Day, 10, 0), 39);
        // The T2 pen line is delivered twice (a redelivery keeps its MessageId): it counts once.
        var redelivered = Guid.NewGuid();
        await Sell(bus, "main", Pen, 3, 2.00m, "T2", At(Day, 23, 50), 3, redelivered);
        await Sell(bus, "main", Pen, 3, 2.00m, "T2", At(Day, 23, 50), 3, redelivered);
        await Sell(bus, "main", Paint, 1, 30.00m, "T2", At(Day, 23, 50), 5);
        await Sell(bus, "main", Paint, 5, 30.00m, "T3", At(Day.AddDays(1), 0, 10), 0);
        await Sell(bus, "east", Pen, 4, 2.50m, "E1", At(Day, 11, 0), 40);

        await bus.Publish(Alert(t, Pen, "晨光中性笔", "0.5 黑", "支", StockAlertState.Low, StockAlertState.Resolved, 3, 5, 20, 1, At(Day, 23, 50)));
        await bus.Publish(Alert(t, Notebook, "得力笔记本", "A5", "本", StockAlertState.Resolved, StockAlertState.Low, 39, 10, null, 2, At(Day, 12, 0)));
        await bus.Publish(Alert(t, Notebook, "得力笔记本", "A5", "本", StockAlertState.Low, StockAlertState.Resolved, 9, 10, 30, 1, At(Day, 9, 0)));
        // A sell-out of a product without a reorder policy: a reading of zero, no low-stock finding.
        await bus.Publish(Alert(t, Paint, "马利水彩", "12色", "盒", StockAlertState.Out, StockAlertState.Resolved, 0, null, null, 1,
            At(Day.AddDays(1), 0, 10).AddSeconds(1)));
        await bus.Publish(new ProductDiscontinued(t, Folder, "厂家停产", At(Day, 5, 0)));
        await bus.Publish(new SlowMoverDetected(t, "main", Folder, "得力文件夹", "A4 蓝", "个", 12, 95, null, 90, "90+", 0m, At(Day, 6, 0)));
        await bus.Publish(new SlowMoverDetected(t, "main", Notebook, "得力笔记本", "A5", "本", 40, 61, At(new DateOnly(2025, 9, 1), 10, 0), 60,
            "61-90", 0.2m, At(Day.AddDays(-8), 6, 0)));
    }

    /// <summary>Inventory's one alert contract, at branch main.</summary>
    private static StockAlertChanged Alert(string t, string sku, string name, string spec, string unit, string state, string previous, int onHand,
        int? reorderPoint, int? suggested, long version, DateTimeOffset at) =>
        new(t, "main", sku, state, previous, state == StockAlertState.Resolved ? StockAlertResolution.Restocked : null, name, spec, unit, onHand,
            0, 0, reorderPoint, suggested, null, version, at);

    private static Task Sell(IntegratorBus bus, string branch, string sku, int quantity, decimal price, string reference, DateTimeOffset at, int onHand,
        Guid? messageId = null) =>
        bus.Publish(new ItemsSold(ReportingHost.Tenant, branch, sku, quantity, price, onHand, reference, at, at), messageId);
}
