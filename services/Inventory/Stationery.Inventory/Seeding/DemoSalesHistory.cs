namespace Stationery.Inventory.Seeding;

/// <summary>One day's sales of one product at one branch in the generated history.</summary>
public sealed record DemoSale(DateOnly Day, string Branch, string Sku, int Quantity, decimal UnitPrice);

/// <summary>
/// Generates ≥ 120 days of sales for the demo chain: weekday/weekend rhythm, back-to-school (开学季) peaks in late
/// February–March and late August–September, a few fast sellers that end up low, and slow movers that stop selling.
/// Deterministic for a given end date.
/// </summary>
public static class DemoSalesHistory
{
    public static readonly string[] Branches = ["main", "east"];

    public static IEnumerable<DemoSale> Generate(IReadOnlyList<DemoProduct> products, DateOnly lastDay, int days = 130)
    {
        var random = new Random(20260225);
        for (var offset = days; offset >= 1; offset--)
        {
            var day = lastDay.AddDays(-offset + 1);
            var season = SeasonFactor(day);
            var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.4 : 1.0;
            foreach (var branch in Branches)
            {
                var branchFactor = branch == "main" ? 1.0 : 0.6;
                foreach (var p in products)
                {
                    // Slow movers sold a little at the start of the window and then nothing for months.
                    if (p.SlowMover && offset < days - 10) continue;
                    var mean = p.DailyDemand * season * weekday * branchFactor;
                    var quantity = Poisson(random, mean);
                    if (quantity > 0) yield return new DemoSale(day, branch, p.Sku, quantity, p.RetailPrice);
                }
            }
        }
    }

    /// <summary>Back-to-school peaks: up to 3× demand in the two weeks around term start.</summary>
    public static double SeasonFactor(DateOnly day)
    {
        static double Peak(DateOnly d, DateOnly centre)
        {
            var distance = Math.Abs(d.DayNumber - centre.DayNumber);
            return distance > 21 ? 0 : 2.0 * (1 - distance / 21.0);
        }
        return 1 + Math.Max(Peak(day, new DateOnly(day.Year, 9, 1)), Peak(day, new DateOnly(day.Year, 2, 26)));
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > limit);
        return k - 1;
    }
}
