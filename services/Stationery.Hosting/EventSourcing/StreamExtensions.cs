using Marten;

namespace Stationery.Hosting.EventSourcing;

public static class StreamExtensions
{
    /// <summary>
    /// The one way to change a stream: read it, fold its events into the immutable state (<see cref="StateEvolver{TState}"/>),
    /// run the pure decider, append what it decided with the version it saw as the expected version (a concurrent writer
    /// makes the commit fail with a concurrency error → 409). The caller commits, so an idempotency record or a second
    /// stream can join the same transaction.
    /// </summary>
    /// <remarks>
    /// Marten 9 dispatches its own Create/Apply conventions through a compile-time source generator that only sees
    /// concrete call sites, so a generic helper cannot use <c>FetchForWriting&lt;TState&gt;</c>; the fold here uses the same
    /// conventions without it.
    /// </remarks>
    public static async Task<IReadOnlyList<object>> Decide<TState>(this IDocumentSession session, string streamId,
        Func<TState?, IReadOnlyList<object>> decide, CancellationToken ct = default) where TState : class
    {
        var (state, version) = await session.Load<TState>(streamId, ct);
        var events = decide(state);
        if (events.Count == 0) return events;
        if (version == 0)
            session.Events.StartStream(streamId, events.ToArray());
        else
            session.Events.Append(streamId, version + events.Count, events.ToArray());
        return events;
    }

    /// <summary>The current state of a stream and its version (0 and null when it does not exist).</summary>
    public static async Task<(TState? State, long Version)> Load<TState>(this IQuerySession session, string streamId,
        CancellationToken ct = default) where TState : class
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        var state = StateEvolver<TState>.Fold(events.Select(e => e.Data));
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }
}
