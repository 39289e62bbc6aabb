using System.Diagnostics;

namespace Stationery.Benchmarks;

/// <summary>A/B measurement: alternate ours and the baseline, report per-operation times and the median ratio.</summary>
internal static class Measure
{
    public static async Task CompareAsync(string name, int reps, int operations, Func<int, Task> ours, Func<int, Task> raw)
    {
        await ours(-1);
        await raw(-1);
        var oursTimes = new List<double>();
        var rawTimes = new List<double>();
        for (var rep = 0; rep < reps; rep++)
        {
            rawTimes.Add(await Time(() => raw(rep)));
            oursTimes.Add(await Time(() => ours(rep)));
        }
        var ratios = oursTimes.Zip(rawTimes, (o, b) => o / b).OrderBy(x => x).ToList();
        var median = ratios[ratios.Count / 2];
        double PerSecond(List<double> t) => operations / t.OrderBy(x => x).ElementAt(t.Count / 2);
        Console.WriteLine($"{name,-58} ours {PerSecond(oursTimes),9:N0}/s   raw {PerSecond(rawTimes),9:N0}/s   ratio {median:0.00}×");
    }

    private static async Task<double> Time(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }
}
