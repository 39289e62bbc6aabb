using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Receiving;
using Stationery.Inventory.Stock.Reordering;
using Stationery.Inventory.Stock.Selling;

namespace Stationery.Inventory.Demo;

/// <summary>One stock stream of the demo history, ready to append.</summary>
public sealed record DemoStream(string Branch, string Sku, IReadOnlyList<object> Events);

public sealed record DemoData(IReadOnlyList<ProductRegistered> Products, IReadOnlyList<DemoStream> Streams);

/// <summary>
/// 演示数据: 120 days of a two-branch shop, written by the same deciders the API uses (so every number is one the
/// service could have produced): opening stock, a daily sales summary per product with 开学季 peaks around 1 September and
/// 1 March and busier weekends, restocking when stock reaches the reorder point (four days' lead time), a few fast
/// sellers left running low at the end, and a few slow movers that stopped selling months ago with stock on the shelf.
/// Reorder policies are set at the end, so the only alerts raised are the ones true today. Deterministic for a seed.
/// </summary>
public static class DemoHistory
{
    /// <summary>How many days of history <c>./stationery up</c> seeds (<c>Seed:HistoryDays</c> may ask for fewer or more).</summary>
    public const int Days = 120;
    public const int MinDays = 28;
    public const int MaxDays = 730;
    public const int LeadTimeDays = 4;
    public const int SlowMoverDays = 45;
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);
    /// <summary>
    /// The fast sellers whose restocking stops in the last weeks, so the demo opens with their (and only their) alerts.
    /// Every other product ends above its reorder point.
    /// </summary>
    public static readonly IReadOnlyList<string> RunningLow = ["MG-G5-02", "ZH-101-02", "CX-HW-04", "DL-RU-01", "MG-BC-02", "DL-S01-01"];

    private const int QuietDays = 18;

    private static readonly (string Code, double Share, string Clerk)[] Branches = [("main", 1.0, "clerk"), ("east", 0.6, "clerk-east")];

    /// <summary>
    /// The demo data as of <paramref name="now"/>, with <paramref name="days"/> of history. A shorter history keeps the same
    /// catalogue, branches and running-low products; slow movers whose last sale falls before it have never sold at all.
    /// </summary>
    public static DemoData Build(DateTimeOffset now, int seed = 2026, int days = Days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, MinDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(now.ToOffset(ChinaTime).DateTime);
        var first = today.AddDays(-days);
        var products = new List<(ProductRegistered Product, DemoFamily Family, double Rate)>();
        foreach (var family in DemoCatalogue.Families)
            for (var i = 0; i < family.Variants.Length; i++)
            {
                var sku = $"{family.Code}-{i + 1:00}";
                var registered = new ProductRegistered(sku, family.Name, family.Variants[i], family.Brand, family.Category, family.Unit,
                    Barcode(random), family.Price, family.PackSize, "owner", At(first.AddDays(-1), 8));
                products.Add((registered, family, family.DailySales * (i == 0 ? 1.0 : 0.6) * (0.7 + 0.6 * random.NextDouble())));
            }

        // A few quiet products stop selling for good.
        var fastLow = RunningLow.ToHashSet();
        var slow = products.Where(p => p.Rate < 0.6 && !fastLow.Contains(p.Product.Sku)).OrderBy(_ => random.Next()).Take(10)
            .ToDictionary(p => p.Product.Sku, _ => days - random.Next(65, 110));

        var streams = new List<DemoStream>();
        foreach (var (product, family, rate) in products)
            foreach (var (branch, share, clerk) in Branches)
                streams.Add(History(product, family, rate * share, branch, clerk, first, days, fastLow.Contains(product.Sku),
                    slow.TryGetValue(product.Sku, out var stop) ? stop : null, random));
        return new DemoData(products.Select(p => p.Product).ToList(), streams);
    }

    private static DemoStream History(ProductRegistered p, DemoFamily family, double rate, string branch, string clerk, DateOnly first,
        int days, bool runsLow, int? lastSaleDay, Random random)
    {
        var facts = new ProductFacts(p.Sku, p.Name, p.Spec, p.Unit, p.Category, p.PackSize);
        var reorderPoint = Math.Max(2, (int)Math.Ceiling(rate * (LeadTimeDays + 3)));
        var maxLevel = RoundUp(reorderPoint + (int)Math.Ceiling(rate * 14) + 1, p.PackSize);
        var owner = new Recorder("owner", "demo");
        var sales = new Recorder(clerk, "demo");
        var events = new List<object>();
        StockItem? state = null;
        void Run(Func<StockItem?, IReadOnlyList<object>> decide)
        {
            var decided = decide(state);
            events.AddRange(decided);
            state = StockStream.Replay(state, decided);
        }
        void Receive(DateOnly day, int quantity, string reference) =>
            Run(s => ReceiveStock.Decide(s, new ReceiveStock(branch, facts, quantity, reference, owner), At(day, 9)));

        Receive(first, maxLevel, $"期初库存-{first:yyyyMMdd}");
        (int Day, int Quantity)? pending = null;
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            if (pending is { } due && due.Day == d)
            {
                Receive(day, due.Quantity, $"送货单-{day:yyyyMMdd}-{branch}");
                pending = null;
            }
            if (lastSaleDay == d && state!.OnHand < maxLevel / 2)
                Receive(day, RoundUp(maxLevel - state.OnHand, p.PackSize), $"送货单-{day:yyyyMMdd}-{branch}");

            var demand = lastSaleDay < d ? 0 : Poisson(rate * Season(day, family.SchoolSeason), random);
            var sold = Math.Min(demand, state!.OnHand);
            if (sold > 0)
                Run(s => RecordSale.Decide(s, new RecordSale(branch, facts, sold, p.RetailPrice, $"日结-{day:yyyyMMdd}", At(day, 20), sales),
                    At(day, 21)));

            var restocking = !(runsLow && d >= days - QuietDays) && !(lastSaleDay < d);
            if (restocking && pending is null && state.OnHand <= reorderPoint)
                pending = (Math.Min(d + LeadTimeDays, days - 1), RoundUp(maxLevel - state.OnHand, p.PackSize));
            if (runsLow && d == days - QuietDays) pending = null;
        }
        var last = first.AddDays(days - 1);
        if (pending is { } late) Receive(last, late.Quantity, $"送货单-{last:yyyyMMdd}-{branch}");
        if (!runsLow && state!.OnHand <= reorderPoint)
            Receive(last, RoundUp(maxLevel - state.OnHand, p.PackSize), $"送货单-{last:yyyyMMdd}-{branch}");

        var policy = new ReorderPolicy(reorderPoint, maxLevel, LeadTimeDays, SlowMoverDays);
        Run(s => SetReorderPolicy.Decide(s, new SetReorderPolicy(branch, facts, policy, owner), At(last, 22)));
        return new DemoStream(branch, p.Sku, events);
    }

    /// <summary>开学季: sales climb towards 1 September (and, less, 1 March) and fall back after; weekends are busier.</summary>
    public static double Season(DateOnly day, double schoolSeason)
    {
        static double Peak(DateOnly day, int month, double height)
        {
            var centre = new DateOnly(day.Year, month, 1);
            var distance = Math.Abs(day.DayNumber - centre.DayNumber);
            return distance >= 21 ? 0 : height * (1 - distance / 21.0);
        }
        var season = 1 + (schoolSeason - 1) * Math.Max(Peak(day, 9, 1), Peak(day, 3, 0.7));
        return season * (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.3 : 1);
    }

    private static int Poisson(double mean, Random random)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    private static int RoundUp(int quantity, int pack) => (Math.Max(quantity, 1) + pack - 1) / pack * pack;

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), ChinaTime);

    /// <summary>A Chinese (69x) EAN-13 with a correct check digit.</summary>
    private static string Barcode(Random random)
    {
        var body = "69" + string.Concat(Enumerable.Range(0, 10).Select(_ => random.Next(10)));
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + (10 - sum % 10) % 10;
    }
}
