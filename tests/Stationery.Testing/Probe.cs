namespace Stationery.Testing;

/// <summary>Waits for eventual consistency: checks a condition until it holds or a deadline passes. Never a bare sleep.</summary>
public static class Probe
{
    /// <summary>
    /// How long the platform tests wait for one step that crosses services (RabbitMQ, another process, the live hub): 120 s.
    /// Generous on purpose, since a probe returns as soon as its condition holds; only a broken hop waits it out, and on a
    /// CI machine shared with other builds a hop that takes a second when idle has taken over 30.
    /// </summary>
    public static readonly TimeSpan CrossService = TimeSpan.FromSeconds(120);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var delay = TimeSpan.FromMilliseconds(25);
        T last;
        while (true)
        {
            last = await read();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what ?? "the condition"}; last value: {Describe(last)}");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public static Task Until(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null) =>
        Until(condition, ok => ok, timeout, what);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable e and not string => $"[{string.Join(", ", e.Cast<object?>().Take(10))}]",
        _ => value.ToString() ?? "",
    };
}
